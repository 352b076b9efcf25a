"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { requestContext } from "@/lib/auth/current-user";
import { SIGNUP_CHECK_EMAIL, SIGNUP_TAKEN, signUp, signUpSchema } from "@/lib/auth/signup";
import { mailEnabled } from "@/lib/mail";

/** `signIn`: the account is new and no email confirms it: the form signs in with what was typed. */
export type SignUpState = ActionState<{ email: string; signIn: boolean; taken?: boolean }>;

// The one action open to signed-out visitors: it creates the account it would check.
export async function signUpAction(
  _prev: SignUpState,
  formData: FormData,
): Promise<SignUpState> {
  const parsed = signUpSchema.safeParse({
    name: formData.get("name") ?? "",
    email: formData.get("email") ?? "",
    password: formData.get("password") ?? "",
    organizationName: formData.get("organizationName") ?? "",
    joining: formData.get("joining") === "1",
    profile: formData.get("profile") ?? undefined,
  });
  if (!parsed.success) {
    return { status: "error", message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const result = await signUp(parsed.data, await requestContext(), process.env.NEXTAUTH_URL ?? "");
  if (!result.ok) {
    return { status: "error", message: result.message ?? "Check the highlighted fields.", fieldErrors: result.fieldErrors };
  }
  const email = parsed.data.email;
  if (mailEnabled()) return { status: "success", message: SIGNUP_CHECK_EMAIL, data: { email, signIn: false } };
  if (!result.created) return { status: "error", message: SIGNUP_TAKEN, data: { email, signIn: false, taken: true } };
  return { status: "success", data: { email, signIn: true } };
}
