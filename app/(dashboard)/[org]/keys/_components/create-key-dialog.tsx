"use client";

import { useState } from "react";
import { createKeyAction, type IssuedKeyState } from "@/app/(dashboard)/[org]/keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { PROFILES, type ProfileId } from "@/lib/profiles/catalog";
import { scopesBeyondRole } from "@/lib/keys/permissions";
import type { MemberRole } from "@prisma/client";
import { ExpiryField } from "@/components/keys/expiry-field";
import { IssuedKey } from "@/components/keys/issued-key";
import { ScopeChoices } from "@/components/keys/scope-choices";
import { KeyControls, NO_CONTROLS } from "@/components/keys/key-controls";
import { hasRole } from "@/lib/auth/roles";

interface Props {
  org: string;
  /** The caller's role: only admins and owners are offered the scopes that manage keys. */
  role: MemberRole;
  planLimit: number;
  projects: { id: string; name: string }[];
  /** The organization's settings: the scopes checked at first, and the key policy. */
  defaultScopes: string[];
  policy: { maxKeyLifetimeDays: number | null; expiryRequired: boolean };
  /** The organization's compatibility profile: its scope words and key format. */
  profile: ProfileId;
  /** The organization's customers (identities), offered while typing a customer id. */
  customers: string[];
  /** Opened on arrival (`?create=1`, the overview's first step). */
  startOpen?: boolean;
}

export function CreateKeyDialog({ org, role, planLimit, projects, defaultScopes, policy, profile, customers, startOpen = false }: Props) {
  const { scopes, environments } = PROFILES[profile];
  const [open, setOpen] = useState(startOpen);
  // The raw key is shown while this is set; closing clears it for good.
  const [issued, setIssued] = useState<IssuedKeyState | null>(null);
  // Escape on the reveal asks "Have you stored this key?" instead of closing.
  const [asking, setAsking] = useState(false);
  const { state, pending, onSubmit } = useFormAction<IssuedKeyState>(createKeyAction, (s) => s.data && setIssued(s.data));

  function close() {
    setOpen(false);
    setIssued(null);
    setAsking(false);
  }

  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <>
      <Button onClick={() => setOpen(true)}>Create key</Button>
      <Dialog open={open} onClose={close} onEscape={issued ? () => setAsking(true) : undefined} title={issued ? `Your new key "${issued.name}"` : "Create an API key"}>
        {issued ? (
          <IssuedKey rawKey={issued.rawKey} onDone={close} asking={asking} onKeepOpen={() => setAsking(false)} />
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <input type="hidden" name="org" value={org} />
            <Field
              label="Name"
              name="name"
              maxLength={64}
              required
              errors={errors.name}
              hint="Unique among this organization's active keys."
            />
            {environments.length > 1 ? (
              <fieldset>
                <legend className="text-sm font-medium text-zinc-800">Environment</legend>
                <div className="mt-1 flex gap-4 text-sm">
                  {environments.map((env) => (
                    <label key={env} className="flex items-center gap-1.5">
                      <input type="radio" name="environment" value={env} defaultChecked={env === "live"} /> {env}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : (
              <input type="hidden" name="environment" value={environments[0]} />
            )}
            <fieldset>
              <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
              <ScopeChoices scopes={scopes.filter(({ scope }) => scopesBeyondRole(role, [scope]).length === 0)} checked={(s) => defaultScopes.includes(s)} />
              <p className="text-xs text-red-700" aria-live="polite">
                {errors.scopes?.join(" ")}
              </p>
            </fieldset>
            <ExpiryField policy={policy} errors={errors} />
            {projects.length > 0 ? (
              <SelectField
                label="Project"
                name="projectId"
                options={[{ value: "", label: "Any project" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
                errors={errors.projectId}
              />
            ) : null}
            <Field
              label="Rate limit (requests per minute)"
              name="ratelimitPerMinute"
              type="number"
              min={1}
              max={planLimit}
              placeholder={`Plan default: ${planLimit}`}
              errors={errors.ratelimitPerMinute}
            />
            <KeyControls values={NO_CONTROLS} errors={errors} customers={customers} mayAttach={hasRole(role, "ADMIN")} />
            <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create key"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
