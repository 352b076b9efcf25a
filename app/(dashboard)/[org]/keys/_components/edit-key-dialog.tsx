"use client";

import type { MemberRole } from "@prisma/client";
import { SelectField } from "@/components/ui/select-field";
import { ScopeChoices } from "@/components/keys/scope-choices";
import { useState } from "react";
import { editKeyAction } from "@/app/(dashboard)/[org]/keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { scopesBeyondRole } from "@/lib/keys/permissions";
import { ExpiryField } from "@/components/keys/expiry-field";
import { KeyControls, type KeyControlValues } from "@/components/keys/key-controls";
import { PROFILES, type ProfileId } from "@/lib/profiles/catalog";
import { hasRole } from "@/lib/auth/roles";

interface Props {
  org: string;
  role: MemberRole;
  planLimit: number;
  policy: { maxKeyLifetimeDays: number | null; expiryRequired: boolean };
  profile: ProfileId;
  keyData: {
    id: string;
    name: string;
    scopes: string[];
    expiresAt: string | null;
    ratelimitPerMinute: number | null;
    projectId: string | null;
  } & KeyControlValues;
  /** The organization's customers (identities), offered while typing a customer id. */
  customers: string[];
  /** Projects a key may move to (the key's own, even archived, stays listed). */
  projects: { id: string; name: string }[];
}

/** Edit a key's name, scopes, expiry and rate limit; the API honours the change within a second. */
export function EditKeyDialog({ org, role, planLimit, policy, profile, keyData, customers, projects }: Props) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useFormAction(editKeyAction, (s) => s.status === "success" && setOpen(false));
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  // Scopes the key has that this role may not grant stay as they are (shown, not editable).
  const grantable = PROFILES[profile].scopes.filter(({ scope }) => scopesBeyondRole(role, [scope]).length === 0);
  const fixed = keyData.scopes.filter((s) => !grantable.some((g) => g.scope === s));
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Edit ${keyData.name}`}>
        Edit
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Edit "${keyData.name}"`}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="keyId" value={keyData.id} />
          {fixed.map((s) => (
            <input key={s} type="hidden" name="scopes[]" value={s} />
          ))}
          <Field label="Name" name="name" defaultValue={keyData.name} maxLength={64} required errors={errors.name} />
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
            <ScopeChoices scopes={grantable} checked={(s) => keyData.scopes.includes(s)} />
            {fixed.length ? <p className="text-xs text-zinc-600">Kept as granted by an admin: {fixed.join(", ")}</p> : null}
            <p className="text-xs text-red-700" aria-live="polite">
              {errors.scopes?.join(" ")}
            </p>
          </fieldset>
          <ExpiryField
            policy={policy}
            keep={keyData.expiresAt ? `Keep (${keyData.expiresAt.slice(0, 10)})` : "Keep (never)"}
            errors={errors}
          />
          {projects.length > 0 ? (
            <SelectField
              label="Project"
              name="projectId"
              defaultValue={keyData.projectId ?? ""}
              options={[{ value: "", label: "No project" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
              errors={errors.projectId}
            />
          ) : null}
          <Field
            label="Rate limit (requests per minute)"
            name="ratelimitPerMinute"
            type="number"
            min={1}
            max={planLimit}
            defaultValue={keyData.ratelimitPerMinute ?? ""}
            placeholder={`Plan default: ${planLimit}`}
            errors={errors.ratelimitPerMinute}
          />
          <KeyControls values={keyData} errors={errors} customers={customers} mayAttach={hasRole(role, "ADMIN")} />
          <FormMessage
            status={state.status}
            message={state.status === "error" && !state.fieldErrors ? state.message : undefined}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
