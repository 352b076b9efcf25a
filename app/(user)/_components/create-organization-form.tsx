"use client";

import { useRouter } from "next/navigation";
import { createOrganizationAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ProfileSelect } from "@/components/orgs/profile-select";
import type { ProfileId } from "@/lib/profiles/catalog";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

/** `profiles`: the compatibility profiles this deployment serves (the first is the default). */
export function CreateOrganizationForm({ profiles }: { profiles: ProfileId[] }) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction<{ slug: string }>(createOrganizationAction, (s) => {
    if (s.status === "success" && s.data) router.push(`/${s.data.slug}`);
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <Field label="Organization name" name="name" maxLength={64} errors={state.fieldErrors?.name} required />
      <ProfileSelect profiles={profiles} errors={state.fieldErrors?.profile} />
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
