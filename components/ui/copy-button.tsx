"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

type CopyState = "idle" | "copied" | "failed";

/**
 * Copies `text` and says whether it worked. The clipboard can refuse (no permission, an
 * insecure origin): then the button says so and `onFailure` lets the caller select the text
 * for a manual copy. The label returns to "Copy" after a few seconds.
 */
export function CopyButton({ text, label = "Copy", onFailure }: { text: string; label?: string; onFailure?: () => void }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 3000);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
      onFailure?.();
    }
  }
  return (
    <>
      <Button type="button" variant="secondary" onClick={copy} aria-label={state === "idle" ? label : undefined}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select and copy by hand" : "Copy"}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Could not copy. The text is selected: press Control+C or Command+C." : ""}
      </span>
    </>
  );
}

/** Selects the whole text content of an element, for copying by hand. */
export function selectContents(el: HTMLElement | null) {
  if (!el) return;
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
