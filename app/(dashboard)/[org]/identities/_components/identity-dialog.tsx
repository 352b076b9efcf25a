"use client";

import { useState } from "react";
import { createIdentityAction, updateIdentityAction } from "@/app/(dashboard)/[org]/identities/actions";
import { CreditFields } from "@/components/keys/credit-fields";
import { LimitsEditor } from "@/components/keys/limits-editor";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import type { NamedLimit } from "@/lib/ratelimit/named-limits";

interface Props {
  org: string;
  /** Absent: a new customer. */
  identity?: {
    externalId: string;
    limits: NamedLimit[];
    credits: number | null;
    creditRefill: { amount: number; interval: "daily" | "monthly" } | null;
  };
}

/** Add a customer, or change the limits and credits all of a customer's keys share. */
export function IdentityDialog({ org, identity }: Props) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useFormAction(identity ? updateIdentityAction : createIdentityAction, (s) => s.status === "success" && setOpen(false));
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <>
      <Button variant={identity ? "secondary" : "primary"} onClick={() => setOpen(true)} aria-label={identity ? `Edit ${identity.externalId}` : undefined}>
        {identity ? "Edit" : "Add a customer"}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={identity ? `Shared limits of "${identity.externalId}"` : "Add a customer"}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <input type="hidden" name="org" value={org} />
          {identity ? (
            <input type="hidden" name="externalId" value={identity.externalId} />
          ) : (
            <Field
              label="Customer id"
              name="externalId"
              maxLength={128}
              required
              placeholder="user_123"
              hint="Your own id for this customer; give keys the same id to group them here."
              errors={errors.externalId}
            />
          )}
          <LimitsEditor label="Limits shared by all the customer's keys" initial={identity?.limits ?? []} errors={errors.limits} />
          <CreditFields
            credits={identity?.credits ?? null}
            creditRefill={identity?.creditRefill ?? null}
            errors={errors}
            hint="Spent by every key of this customer that has no credits of its own; at 0: 429 USAGE_EXCEEDED."
          />
          <FormMessage status={state.status} message={state.status === "error" && !state.fieldErrors ? state.message : undefined} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : identity ? "Save changes" : "Add customer"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
