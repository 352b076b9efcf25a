"use client";

import { createProjectAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

export function CreateProjectForm({ org }: { org: string }) {
  const { state, pending, onSubmit } = useFormAction(createProjectAction);
  return (
    <form key={state.status === "success" ? state.message : "new"} onSubmit={onSubmit} className="mb-6 flex flex-wrap items-start gap-2">
      <input type="hidden" name="org" value={org} />
      <div className="w-72">
        <Field label="New project" name="name" maxLength={64} errors={state.fieldErrors?.name} required />
      </div>
      <Button type="submit" disabled={pending} className="mt-6">
        {pending ? "Creating…" : "Create project"}
      </Button>
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
    </form>
  );
}
