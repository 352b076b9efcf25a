"use client";

import { useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FrameProps {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  id?: string;
}

const CONTROL =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid]:border-red-500";

// The label, the hint and the error line every form control has. An error from the last
// submit goes once the person edits the field, unless the field still breaks its own rules
// (required, type, length): a fixed field never keeps a stale complaint.
function FieldFrame({
  label,
  name,
  errors,
  hint,
  id,
  children,
}: FrameProps & { children: (ids: { inputId: string; errorId: string; errors?: string[] }) => React.ReactNode }) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const [answered, setAnswered] = useState(errors);
  const [edited, setEdited] = useState<"no" | "valid" | "invalid">("no");
  if (answered !== errors) {
    setAnswered(errors);
    setEdited("no");
  }
  const shown = edited === "valid" ? undefined : errors;
  return (
    <div
      className="space-y-1"
      onChange={(e) => {
        const control = e.target as HTMLInputElement | HTMLTextAreaElement;
        if (control.id === inputId) setEdited(control.validity.valid ? "valid" : "invalid");
      }}
    >
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children({ inputId, errorId, errors: shown })}
      {hint && !shown?.length ? <p className="text-xs text-zinc-500">{hint}</p> : null}
      <p id={errorId} className="text-xs text-red-700" aria-live="polite">
        {shown?.join(" ")}
      </p>
    </div>
  );
}

export function Field({ label, name, errors, hint, id, className = "", ...input }: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} name={name} errors={errors} hint={hint} id={id}>
      {({ inputId, errorId, errors }) => (
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
      {({ inputId, errorId, errors }) => (
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
