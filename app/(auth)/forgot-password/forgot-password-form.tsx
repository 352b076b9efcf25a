"use client";

import { requestResetAction } from "../password-actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

export function ForgotPasswordForm() {
  const { state, pending, onSubmit } = useFormAction(requestResetAction);
  if (state.status === "success") return <FormMessage status="success" message={state.message} />;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-zinc-700">We email a link to choose a new one. It works once, within 30 minutes.</p>
      <Field label="Email" name="email" type="email" autoComplete="email" maxLength={254} errors={state.fieldErrors?.email} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </Button>
    </form>
  );
}
