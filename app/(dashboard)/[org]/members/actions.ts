"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction, type ActionContext } from "@/lib/auth/action";
import { emailInvitation, inviteMember, revokeInvitation } from "@/lib/team/invitations";
import { changeRole, removeMember, transferOwnership, type TeamActor } from "@/lib/team/members";
import { recordId } from "@/lib/validation/text";

const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
const team = (ctx: ActionContext): TeamActor => ({ userId: ctx.user.id, email: ctx.user.email, role: ctx.role });
const done = (ctx: ActionContext) => revalidatePath(`/${ctx.organization.slug}/members`);

export interface InvitationState {
  link: string;
  emailed: boolean;
}

export const inviteAction = memberAction(
  "ADMIN",
  z.object({
    email: z
      .string()
      .trim()
      .max(254, { error: "Use at most 254 characters." })
      .pipe(z.email({ error: "Enter a valid email address." })),
    role: z.enum(ROLES, { error: "Choose a role." }),
  }),
  async (input, ctx) => {
    const { token } = await inviteMember(ctx.organization.id, input, team(ctx), ctx);
    const link = `${process.env.NEXTAUTH_URL ?? ""}/invite/${token}`;
    const emailed = await emailInvitation({ to: input.email, inviter: ctx.user.email, organization: ctx.organization.name, role: input.role, link });
    done(ctx);
    return {
      status: "success",
      message: emailed ? `Invitation emailed to ${input.email}.` : "Invitation created: copy the link.",
      data: { link, emailed } as InvitationState,
    };
  },
);

export const revokeInvitationAction = memberAction("ADMIN", z.object({ invitationId: recordId() }), async (input, ctx) => {
  await revokeInvitation(ctx.organization.id, input.invitationId, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: "Invitation revoked." };
});

export const changeRoleAction = memberAction(
  "ADMIN",
  z.object({ membershipId: recordId(), role: z.enum(ROLES) }),
  async (input, ctx) => {
    await changeRole(ctx.organization.id, input.membershipId, input.role, team(ctx), ctx);
    done(ctx);
    return { status: "success", message: "Role changed." };
  },
);

// VIEWER: anyone may leave; removing someone else is checked in the service.
export const removeMemberAction = memberAction("VIEWER", z.object({ membershipId: recordId() }), async (input, ctx) => {
  await removeMember(ctx.organization.id, input.membershipId, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: "Member removed." };
});

export const transferOwnershipAction = memberAction("OWNER", z.object({ membershipId: recordId() }), async (input, ctx) => {
  await transferOwnership(ctx.organization.id, input.membershipId, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: "Ownership transferred. You are now an admin." };
});
