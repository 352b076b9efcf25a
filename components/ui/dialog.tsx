"use client";

import { useEffect, useId, useRef } from "react";

/** The native <dialog>: focus trap, Escape and the backdrop come from the browser. */
export function Dialog({
  open,
  onClose,
  title,
  children,
  onEscape,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  /** When set, Escape calls this instead of closing (a dialog that must ask first). */
  onEscape?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(e) => {
        if (!onEscape) return;
        e.preventDefault();
        onEscape();
      }}
      aria-labelledby={titleId}
      // Text wraps whatever the trigger sits in (a table cell that never wraps, for one).
      className="m-auto max-h-[calc(100dvh-2rem)] text-left whitespace-normal w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-xl border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
    >
      {open ? (
        <div className="p-4 sm:p-6">
          <h2 id={titleId} className="mb-4 text-lg font-semibold break-words">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
