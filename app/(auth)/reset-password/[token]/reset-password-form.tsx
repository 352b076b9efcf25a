"use client";

import Link from "next/link";
import { resetPasswordAction } from "../../password-actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { NewPasswordField } from "@/components/auth/new-password-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, pending, onSubmit } = useFormAction(resetPasswordAction);
  if (state.status === "success") {
    return (
      <div className="space-y-4">
        <FormMessage status="success" message={state.message} />
        <Link href="/signin" className="block w-full rounded-md bg-indigo-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-700">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordField label="New password" name="password" hint="12 to 256 characters, hard to guess. Every session is signed out." errors={state.fieldErrors?.password} />
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set the new password"}
      </Button>
    </form>
  );
}
