"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { requestContext } from "@/lib/auth/current-user";
import { SIGNUP_DONE, signUp, signUpSchema } from "@/lib/auth/signup";

// The one action open to signed-out visitors: it creates the account it would check.
export async function signUpAction(
  _prev: ActionState<{ email: string }>,
  formData: FormData,
): Promise<ActionState<{ email: string }>> {
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
  const result = await signUp(parsed.data, await requestContext());
  if (!result.ok) {
    return { status: "error", message: result.message ?? "Check the highlighted fields.", fieldErrors: result.fieldErrors };
  }
  // The email the visitor typed goes back to them only, to fill in the sign-in form.
  return { status: "success", message: SIGNUP_DONE, data: { email: parsed.data.email } };
}
