"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton, selectContents } from "@/components/ui/copy-button";
import { ExampleRequest } from "./example-request";

/**
 * The raw key, shown this once: it lives only in this component's props. Closing asks first
 * (`asking`, set by the dialog on Escape), since a closed reveal cannot be reopened.
 */
export function IssuedKey({ rawKey, onDone, asking = false, onKeepOpen }: { rawKey: string; onDone: () => void; asking?: boolean; onKeepOpen?: () => void }) {
  const keyText = useRef<HTMLElement>(null);
  const [confirming, setConfirming] = useState(false);
  // The form that made the key is gone: focus its result (screen readers read the key's label).
  useEffect(() => keyText.current?.focus(), []);
  const ask = asking || confirming;
  return (
    <div className="space-y-4">
      <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        Copy this key now. You will not see it again: Keyhouse keeps only its hash.
      </p>
      <div className="flex items-center gap-2">
        <code
          ref={keyText}
          tabIndex={-1}
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
      {ask ? (
        <AskBeforeClosing
          onClose={onDone}
          onKeep={() => {
            setConfirming(false);
            onKeepOpen?.();
          }}
        />
      ) : (
        <div className="flex justify-end">
          <Button onClick={onDone}>I have stored the key</Button>
        </div>
      )}
    </div>
  );
}

function AskBeforeClosing({ onClose, onKeep }: { onClose: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div role="alertdialog" aria-labelledby="ask-stored" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm">
      <p id="ask-stored" className="mb-3 font-medium text-red-900">
        Have you stored this key? Once closed it cannot be shown again.
      </p>
      <div className="flex flex-wrap justify-end gap-2">
        <Button ref={keep} variant="secondary" onClick={onKeep}>
          Keep it on screen
        </Button>
        <Button variant="danger" onClick={onClose}>
          Yes, close
        </Button>
      </div>
    </div>
  );
}
