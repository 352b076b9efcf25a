import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FrameProps {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  id?: string;
}

const CONTROL =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid]:border-red-500";

// The label, the hint and the error line every form control has.
function FieldFrame({ label, name, errors, hint, id, children }: FrameProps & { children: (ids: { inputId: string; errorId: string }) => React.ReactNode }) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children({ inputId, errorId })}
      {hint && !errors?.length ? <p className="text-xs text-zinc-500">{hint}</p> : null}
      <p id={errorId} className="text-xs text-red-700" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </div>
  );
}

export function Field({ label, name, errors, hint, id, className = "", ...input }: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} name={name} errors={errors} hint={hint} id={id}>
      {({ inputId, errorId }) => (
        <input
          id={inputId}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
          className={`${CONTROL} ${className}`}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({ label, name, errors, hint, id, className = "", ...area }: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} name={name} errors={errors} hint={hint} id={id}>
      {({ inputId, errorId }) => (
        <textarea
          id={inputId}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
          className={`${CONTROL} font-mono text-xs ${className}`}
          {...area}
        />
      )}
    </FieldFrame>
  );
}
