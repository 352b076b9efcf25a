"use client";

import { useState, type ComponentProps } from "react";
import { Field } from "./field";

/** A password input with a Show/Hide toggle (typing a long passphrase blind invites mistakes). */
export function PasswordField(props: Omit<ComponentProps<typeof Field>, "type">) {
  const [shown, setShown] = useState(false);
  const id = props.id ?? `field-${props.name}`;
  return (
    <div className="relative">
      <Field {...props} id={id} type={shown ? "text" : "password"} className="pr-16" spellCheck={false} autoCapitalize="off" />
      <button
        type="button"
        onClick={() => setShown((s) => !s)}
        aria-controls={id}
        aria-pressed={shown}
        title={shown ? `Hide the ${props.label.toLowerCase()}` : `Show the ${props.label.toLowerCase()}`}
        className="absolute top-7 right-2 rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
      >
        {shown ? "Hide" : "Show"}
      </button>
    </div>
  );
}
