"use server";

import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { acceptInvitation } from "@/lib/team/invitations";
import { recordId, text } from "@/lib/validation/text";

// By the link's token, or by id from the no-organization page (the person's own address only).
export const acceptInvitationAction = userAction(
  z.object({ token: text().max(100).optional(), invitationId: recordId().optional() }),
  async (input, ctx) => {
    const by = input.token ? { token: input.token } : input.invitationId ? { id: input.invitationId } : null;
    if (!by) return { status: "error", message: "No invitation." };
    const { slug } = await acceptInvitation(by, ctx.user, ctx);
    return { status: "success", message: "You joined the organization.", data: { slug } };
  },
);
