"use client";

import { changePasswordAction, updateNameAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PasswordField } from "@/components/ui/password-field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { NewPasswordField } from "@/components/auth/new-password-field";

export function NameForm({ name }: { name: string }) {
  const { state, pending, onSubmit } = useFormAction(updateNameAction);
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <Field
        label="Name"
        name="name"
        defaultValue={name}
        maxLength={100}
        autoComplete="name"
        errors={state.fieldErrors?.name}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  // A new `key` after each success empties the form (and the meter).
  const { state, pending, onSubmit } = useFormAction(changePasswordAction);
  return (
    <form key={state.status === "success" ? state.message : "form"} onSubmit={onSubmit} className="space-y-3">
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        errors={state.fieldErrors?.currentPassword}
        required
      />
      <NewPasswordField label="New password" name="newPassword" hint="12 to 256 characters, hard to guess. Your other sessions are signed out." errors={state.fieldErrors?.newPassword} />
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
