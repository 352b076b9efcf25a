"use server";

import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { acceptInvitation } from "@/lib/team/invitations";
import { text } from "@/lib/validation/text";

// Only by the link's token: an address alone proves nothing (sign-up does not verify it).
export const acceptInvitationAction = userAction(
  z.object({ token: text().min(1, "No invitation.").max(100) }),
  async (input, ctx) => {
    const { slug } = await acceptInvitation(input.token, ctx.user, ctx);
    return { status: "success", message: "You joined the organization.", data: { slug } };
  },
);
