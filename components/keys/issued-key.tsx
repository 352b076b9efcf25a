"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The raw key, shown this once: it lives only in this component's props. */
export function IssuedKey({ rawKey, onDone }: { rawKey: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  async function copy() {
    await navigator.clipboard.writeText(rawKey).catch(() => {});
    setCopied(true);
  }
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        Copy this key now. You will not see it again: Keyhouse keeps only its hash.
      </p>
      <div className="flex items-center gap-2">
        <code
          aria-label="New API key"
          data-testid="raw-key"
          className="min-w-0 flex-1 break-all rounded-md bg-zinc-900 px-3 py-2 font-mono text-sm text-zinc-50"
        >
          {rawKey}
        </code>
        <Button variant="secondary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <div>
        <p className="mb-1 text-xs font-medium text-zinc-600">Try it:</p>
        {/* Focusable so a keyboard user can scroll the long line (axe: scrollable-region-focusable). */}
        <pre tabIndex={0} aria-label="Example request" className="overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs">
          {`curl -H "Authorization: Bearer ${rawKey}" ${origin}/api/v1/ping`}
        </pre>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>I have stored the key</Button>
      </div>
    </div>
  );
}
