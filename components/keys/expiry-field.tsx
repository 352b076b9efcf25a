"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { EXPIRY_CHOICES } from "@/lib/keys/constants";

export interface KeyPolicyView {
  maxKeyLifetimeDays: number | null;
  expiryRequired: boolean;
}

/**
 * A key's expiry: a choice (and a date), within the organization's policy: "Never" and
 * lifetimes past the maximum are not offered (the server checks again). `keep` (editing)
 * adds a first choice that leaves the expiry as it is.
 */
export function ExpiryField({ policy, keep, errors }: { policy: KeyPolicyView; keep?: string; errors: { expiresOn?: string[]; expiresAt?: string[] } }) {
  const max = policy.maxKeyLifetimeDays;
  const mustExpire = policy.expiryRequired || max !== null;
  const choices = [
    ...(keep ? [{ value: "keep", label: keep }] : []),
    ...EXPIRY_CHOICES.filter((c) => (c.value === "never" ? !mustExpire : c.value === "date" || max === null || Number(c.value) <= max)),
  ];
  const [expiry, setExpiry] = useState<string>(choices[0].value);
  return (
    <>
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Expires" name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} options={choices} />
        {expiry === "date" ? <Field label="Expiry date" name="expiresOn" type="date" errors={errors.expiresOn} /> : <span />}
      </div>
      {mustExpire ? (
        <p className="text-xs text-zinc-600">
          {max ? `This organization's keys expire within ${max} days.` : "This organization requires an expiry on every key."}
        </p>
      ) : null}
      <p className="text-xs text-red-700" aria-live="polite">
        {errors.expiresAt?.join(" ")}
      </p>
    </>
  );
}
