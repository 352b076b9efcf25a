"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction, type StaffContext } from "@/lib/auth/action";
import { unlockSignIn } from "@/lib/auth/authenticate";
import { endAllSessionsAsStaff } from "@/lib/auth/sessions";
import { createRootKey, revokeRootKey } from "@/lib/keys/root";
import { keyNameSchema } from "@/lib/keys/schemas";
import { changePlan, reinstateOrganization, suspendOrganization } from "@/lib/orgs/suspension";
import { revokeKeyAsStaff } from "@/lib/support/account";
import { findKeyOwner } from "@/lib/support/search";
import { assertUserExists } from "@/lib/support/users";
import { recordAudit } from "@/lib/audit/record";
import { recordId, text } from "@/lib/validation/text";

const staff = (ctx: StaffContext) => ({ type: "staff" as const, id: ctx.user.id, label: ctx.user.email });
const note = text().trim().min(1, "Write an internal note: why.").max(1000);

export const createRootKeyAction = staffAction("ADMIN", z.object({ name: keyNameSchema }), async (input, ctx) => {
  const { key, rawKey } = await createRootKey(input.name, staff(ctx), ctx);
  revalidatePath("/support");
  return { status: "success", data: { rawKey, name: key.name, hint: key.hint } };
});

export const revokeRootKeyAction = staffAction("ADMIN", z.object({ keyId: recordId() }), async (input, ctx) => {
  await revokeRootKey(input.keyId, staff(ctx), ctx);
  revalidatePath("/support");
  return { status: "success", message: "Root key revoked." };
});

const suspendSchema = z.object({
  slug: text().min(1).max(64),
  note,
  message: text().trim().max(500).optional(),
});

export const suspendAction = staffAction("SUPPORT", suspendSchema, async (input, ctx) => {
  const changed = await suspendOrganization(input.slug, { note: input.note, message: input.message }, staff(ctx), ctx);
  revalidatePath("/support", "layout");
  return { status: "success", message: changed ? "Organization suspended." : "This organization was already suspended." };
});

export const reinstateAction = staffAction(
  "SUPPORT",
  z.object({ slug: text().min(1).max(64), note: text().trim().max(1000).optional() }),
  async (input, ctx) => {
    const changed = await reinstateOrganization(input.slug, staff(ctx), ctx, input.note);
    revalidatePath("/support", "layout");
    return { status: "success", message: changed ? "Organization reinstated." : "This organization was not suspended." };
  },
);

export const changePlanAction = staffAction(
  "ADMIN",
  z.object({ organizationId: recordId(), plan: z.enum(["FREE", "PRO", "ENTERPRISE"]), note }),
  async (input, ctx) => {
    const changed = await changePlan(input.organizationId, input.plan, input.note, staff(ctx), ctx);
    revalidatePath("/support", "layout");
    return { status: "success", message: changed ? `Plan changed to ${input.plan}.` : `The plan already is ${input.plan}.` };
  },
);

export const revokeCustomerKeyAction = staffAction(
  "ADMIN",
  z.object({ organizationId: recordId(), keyId: recordId(), note }),
  async (input, ctx) => {
    await revokeKeyAsStaff(input.organizationId, input.keyId, input.note, staff(ctx), ctx);
    revalidatePath("/support", "layout");
    return { status: "success", message: "Key revoked." };
  },
);

export const unlockUserAction = staffAction("SUPPORT", z.object({ userId: recordId() }), async (input, ctx) => {
  await assertUserExists(input.userId);
  await unlockSignIn(input.userId, staff(ctx), ctx);
  revalidatePath("/support", "layout");
  return { status: "success", message: "Sign-in unlocked: earlier failures no longer count." };
});

export const endSessionsAction = staffAction("ADMIN", z.object({ userId: recordId() }), async (input, ctx) => {
  await assertUserExists(input.userId);
  const ended = await endAllSessionsAsStaff(input.userId, staff(ctx), ctx);
  revalidatePath("/support", "layout");
  return { status: "success", message: `Ended ${ended} session${ended === 1 ? "" : "s"}.` };
});

// A POST, never a URL: a pasted key must not land in the address bar, history or access logs.
export const findKeyOwnerAction = staffAction("SUPPORT", z.object({ key: text().trim().min(1).max(200) }), async (input, ctx) => {
  const owner = await findKeyOwner(ctx.user, input.key);
  if ("notice" in owner) return { status: "error", message: owner.notice };
  await recordAudit({
    actor: staff(ctx),
    organizationId: owner.organizationId,
    action: "support.key_looked_up",
    target: { type: "api_key", id: owner.keyId },
    metadata: { hint: owner.hint },
    context: ctx,
  });
  return { status: "success", data: { organizationId: owner.organizationId } };
});
