"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { requestContext } from "@/lib/auth/current-user";
import { PASSWORD_MAX } from "@/lib/auth/password";
import { queuePasswordReset, RESET_REQUESTED, resetPassword } from "@/lib/auth/password-reset";
import { DomainError } from "@/lib/errors";

// Open to signed-out visitors, like sign-up: the answer never says whether an email is registered.
export async function requestResetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = z.string().trim().max(254).pipe(z.email()).safeParse(formData.get("email") ?? "");
  if (!email.success) return { status: "error", message: "Check the highlighted fields.", fieldErrors: { email: ["Enter a valid email address."] } };
  const queued = await queuePasswordReset(email.data, process.env.NEXTAUTH_URL ?? "", await requestContext());
  if (!queued) return { status: "error", message: "Too many requests: wait a minute, then try again." };
  return { status: "success", message: RESET_REQUESTED };
}

export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const token = String(formData.get("token") ?? "");
  const password = String(formData.get("password") ?? "").slice(0, PASSWORD_MAX + 1);
  try {
    await resetPassword(token, password, await requestContext());
    return { status: "success", message: "Your password is changed and every session was signed out. Sign in with the new password." };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return err.field ? { status: "error", message: "Check the highlighted fields.", fieldErrors: { [err.field]: [err.message] } } : { status: "error", message: err.message };
  }
}
