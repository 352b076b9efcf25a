import { Field, TextAreaField } from "@/components/ui/field";
import type { NamedLimit } from "@/lib/ratelimit/named-limits";
import { CreditFields } from "./credit-fields";
import { LimitsEditor } from "./limits-editor";

export interface KeyControlValues {
  externalId: string | null;
  limits: NamedLimit[];
  credits: number | null;
  creditRefill: { amount: number; interval: "daily" | "monthly" } | null;
  ipAllowlist: string[];
  metadata: Record<string, unknown>;
}

export const NO_CONTROLS: KeyControlValues = { externalId: null, limits: [], credits: null, creditRefill: null, ipAllowlist: [], metadata: {} };

/**
 * The create and edit dialogs' key controls, in two groups collapsed by default (the simple
 * path stays simple) and opened when one of their fields has an error.
 */
export function KeyControls({
  values,
  errors,
  customers,
  mayAttach,
}: {
  values: KeyControlValues;
  errors: Record<string, string[] | undefined>;
  customers: string[];
  /** Admins and owners choose a key's customer; others see it read-only. */
  mayAttach: boolean;
}) {
  const has = (...names: string[]) => names.some((n) => errors[n]?.length) || undefined;
  return (
    <>
      <details open={has("externalId", "limits")} className="rounded-md border border-zinc-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800">Customer and named limits</summary>
        <div className="mt-3 space-y-3">
          <Field
            label="Customer id (identity)"
            name="externalId"
            defaultValue={values.externalId ?? ""}
            maxLength={128}
            list={mayAttach ? "known-customers" : undefined}
            readOnly={!mayAttach}
            placeholder={mayAttach ? "Your id for the customer, e.g. user_123" : "None"}
            hint={
              mayAttach
                ? "Groups this key with the customer's other keys; the customer's shared limits and credits apply to it."
                : "Only admins and owners put a key under a customer (its shared limits and credits)."
            }
            errors={errors.externalId}
          />
          <datalist id="known-customers">
            {customers.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <LimitsEditor label="Named limits of this key" initial={values.limits} errors={errors.limits} />
        </div>
      </details>
      <details open={has("ipAllowlist", "metadata", "credits", "refillAmount", "creditRefill")} className="rounded-md border border-zinc-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800">Credits, IP allowlist and metadata</summary>
        <div className="mt-3 space-y-3">
          <CreditFields
            credits={values.credits}
            creditRefill={values.creditRefill}
            errors={errors}
            hint="Each request spends one (a gateway's verify may say more with cost); at 0: 429 USAGE_EXCEEDED."
          />
          <TextAreaField
            label="Allowed client addresses"
            name="ipAllowlist"
            defaultValue={values.ipAllowlist.join("\n")}
            hint="One IPv4 or IPv6 address or CIDR range per line, at most 100. Empty: any address. Others get 403 IP_NOT_ALLOWED."
            errors={errors.ipAllowlist}
            rows={3}
          />
          <TextAreaField
            label="Metadata (JSON object)"
            name="metadata"
            defaultValue={Object.keys(values.metadata).length ? JSON.stringify(values.metadata, null, 2) : ""}
            hint="Returned by verify and /ping; at most 16 KiB."
            errors={errors.metadata}
            rows={4}
          />
        </div>
      </details>
    </>
  );
}
