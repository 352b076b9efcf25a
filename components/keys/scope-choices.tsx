"use client";

import { useId } from "react";

/** The scope checkboxes of the create and edit dialogs: each scope's word, and what it allows beneath it. */
export function ScopeChoices({ scopes, checked }: { scopes: readonly { scope: string; description: string }[]; checked: (scope: string) => boolean }) {
  const id = useId();
  return (
    <div className="mt-1 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
      {scopes.map(({ scope, description }, i) => (
        <div key={scope}>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name="scopes[]" value={scope} defaultChecked={checked(scope)} aria-describedby={`${id}-${i}`} />
            <code>{scope}</code>
          </label>
          <p id={`${id}-${i}`} className="ml-5 text-xs text-zinc-600">
            {description}
          </p>
        </div>
      ))}
    </div>
  );
}
