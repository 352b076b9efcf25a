"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton, selectContents } from "@/components/ui/copy-button";
import { ExampleRequest } from "./example-request";

/** The raw key, shown this once: it lives only in this component's props. */
export function IssuedKey({ rawKey, onDone }: { rawKey: string; onDone: () => void }) {
  const keyText = useRef<HTMLElement>(null);
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        Copy this key now. You will not see it again: Keyhouse keeps only its hash.
      </p>
      <div className="flex items-center gap-2">
        <code
          ref={keyText}
          aria-label="New API key"
          data-testid="raw-key"
          className="min-w-0 flex-1 break-all rounded-md bg-zinc-900 px-3 py-2 font-mono text-sm text-zinc-50"
        >
          {rawKey}
        </code>
        <CopyButton text={rawKey} label="Copy the key" onFailure={() => selectContents(keyText.current)} />
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-zinc-600">Try it:</p>
        <ExampleRequest credential={rawKey} />
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>I have stored the key</Button>
      </div>
    </div>
  );
}
