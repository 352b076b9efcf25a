"use client";

import { updateSettingsAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { PROFILES, type ProfileId } from "@/lib/profiles/catalog";

interface Settings {
  name: string;
  defaultScopes: string[];
  maxKeyLifetimeDays: number | null;
  expiryRequired: boolean;
  profile: ProfileId;
}

export function SettingsForm({ org, settings }: { org: string; settings: Settings }) {
  const { state, pending, onSubmit } = useFormAction(updateSettingsAction);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate>
      <input type="hidden" name="org" value={org} />
      <Field label="Organization name" name="name" defaultValue={settings.name} maxLength={64} errors={errors.name} required />
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Default scopes of new keys</legend>
        <div className="mt-1 grid grid-cols-2 gap-1 text-sm">
          {PROFILES[settings.profile].scopes.map(({ scope, description }) => (
            <label key={scope} className="flex items-center gap-1.5" title={description}>
              <input type="checkbox" name="scopes[]" value={scope} defaultChecked={settings.defaultScopes.includes(scope)} />
              <code>{scope}</code>
            </label>
          ))}
        </div>
        <p className="text-xs text-red-700" aria-live="polite">
          {errors.defaultScopes?.join(" ")}
        </p>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-800">Key policy</legend>
        <Field
          label="Maximum key lifetime (days)"
          name="maxKeyLifetimeDays"
          type="number"
          min={1}
          max={3650}
          defaultValue={settings.maxKeyLifetimeDays ?? ""}
          placeholder="No limit"
          hint="New keys must expire within this many days; rotated keys get at most this long. Empty: no limit."
          errors={errors.maxKeyLifetimeDays}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="expiryRequired" defaultChecked={settings.expiryRequired} /> Every key must have an expiry
        </label>
      </fieldset>
      {state.status === "error" && !state.fieldErrors ? <FormMessage status="error" message={state.message} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}

