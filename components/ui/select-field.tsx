import type { SelectHTMLAttributes } from "react";

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: readonly { value: string | number; label: string }[];
  errors?: string[];
};

/** A labelled select with its error line, like Field for inputs. */
export function SelectField({ label, options, errors, ...select }: SelectFieldProps) {
  return (
    <label className="block text-sm">
      <span className="font-medium text-zinc-800">{label}</span>
      <select className="mt-1 block w-full rounded-md border border-zinc-300 px-2 py-2" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <span className="text-xs text-red-700" aria-live="polite">
        {errors?.join(" ")}
      </span>
    </label>
  );
}
