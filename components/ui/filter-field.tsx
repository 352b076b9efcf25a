import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

// The labelled inputs of filter bars (keys, usage, audit, support), one look everywhere.
const inputClass = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm";

type Option = { value: string; label: string };

/** A labelled select; `any` is the first, empty choice ("All keys", "Any action"). */
export function FilterSelect({
  label,
  any,
  options,
  hideLabel = false,
  ...select
}: { label: string; any?: string; options: readonly Option[]; hideLabel?: boolean } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className="text-sm">
      <span className={hideLabel ? "sr-only" : "block text-zinc-600"}>{label}</span>
      <select className={inputClass} {...select}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterInput({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="text-sm">
      <span className="block text-zinc-600">{label}</span>
      <input className={inputClass} {...input} />
    </label>
  );
}

/** Options whose label is their value. */
export const plainOptions = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: v }));
