"use client";

import { useRouter } from "next/navigation";
import { createOrganizationAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

export function CreateOrganizationForm() {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction<{ slug: string }>(createOrganizationAction, (s) => {
    if (s.status === "success" && s.data) router.push(`/${s.data.slug}/keys`);
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <Field label="Organization name" name="name" maxLength={64} errors={state.fieldErrors?.name} required />
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
