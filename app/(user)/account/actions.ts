"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { changePassword, endSessionsOfUser, updateProfileName } from "@/lib/auth/account";
import { PASSWORD_MAX } from "@/lib/auth/password";
import { recordId, text } from "@/lib/validation/text";

export const updateNameAction = userAction(
  z.object({ name: text().trim().min(1, { error: "Enter your name." }).max(100, { error: "Use at most 100 characters." }) }),
  async (input, ctx) => {
    await updateProfileName(ctx.user, input.name, ctx);
    revalidatePath("/account");
    return { status: "success", message: "Name saved." };
  },
);

export const changePasswordAction = userAction(
  z.object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }).max(PASSWORD_MAX),
    newPassword: z.string().max(PASSWORD_MAX),
  }),
  async (input, ctx) => {
    const { endedSessions } = await changePassword(ctx.user, input, ctx.sessionToken, ctx);
    revalidatePath("/account");
    return {
      status: "success",
      message: `Password changed. ${endedSessions ? `Signed out ${endedSessions} other session${endedSessions === 1 ? "" : "s"}.` : "No other session was open."}`,
    };
  },
);

export const endSessionAction = userAction(z.object({ sessionId: recordId() }), async (input, ctx) => {
  await endSessionsOfUser(ctx.user, { sessionId: input.sessionId }, ctx);
  revalidatePath("/account");
  return { status: "success", message: "Session signed out." };
});

export const endOtherSessionsAction = userAction(z.object({}), async (_input, ctx) => {
  const n = await endSessionsOfUser(ctx.user, { allBut: ctx.sessionToken }, ctx);
  revalidatePath("/account");
  return { status: "success", message: `Signed out ${n} other session${n === 1 ? "" : "s"}.` };
});
