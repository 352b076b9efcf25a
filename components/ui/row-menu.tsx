"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A row's actions behind one "…" button, so a wide row never pushes them off screen.
 * Built on the browser's popover: it sits in the top layer (a scrolling table cannot clip it),
 * and Escape and a click outside close it and give focus back to the button.
 */
export function RowMenu({ label, items }: { label: string; items: RowMenuItem[] }) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  if (items.length === 0) return null;

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  function place() {
    const box = trigger.current!.getBoundingClientRect();
    const el = menu.current!;
    el.style.top = `${Math.min(box.bottom + 4, window.innerHeight - el.offsetHeight - 8)}px`;
    el.style.left = `${Math.max(8, box.right - el.offsetWidth)}px`;
  }
  function onToggle(event: React.ToggleEvent<HTMLDivElement>) {
    const isOpen = event.newState === "open";
    setOpen(isOpen);
    if (!isOpen) return;
    place();
    // The toggle event comes a moment late: a key pressed since may already have moved focus.
    if (!menu.current?.contains(document.activeElement)) menuItems()[0]?.focus();
    // The menu is fixed to where the button was; once the page moves it closes rather than float.
    const close = () => menu.current?.hidePopover();
    window.addEventListener("scroll", close, { once: true, capture: true });
    window.addEventListener("resize", close, { once: true });
  }
  function onMenuKey(event: KeyboardEvent) {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move) all[(at + move + all.length) % all.length]?.focus();
    else if (event.key === "Home") all[0]?.focus();
    else if (event.key === "End") all.at(-1)?.focus();
    else if (event.key === "Tab") menu.current?.hidePopover();
    else return;
    event.preventDefault();
  }
  function select(item: RowMenuItem) {
    menu.current?.hidePopover();
    // A dialog opened from here gives focus back to the "…" button when it closes.
    trigger.current?.focus();
    item.onSelect();
  }

  return (
    <>
      <button
        ref={trigger}
        type="button"
        popoverTarget={id}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        title={label}
        onKeyDown={(e) => {
          if (e.key !== "ArrowDown" || open) return;
          e.preventDefault();
          menu.current?.showPopover();
          menuItems()[0]?.focus();
        }}
        className="inline-flex h-7 w-8 items-center justify-center rounded-md border border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-100"
      >
        <span aria-hidden="true">…</span>
      </button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        role="menu"
        aria-label={label}
        onToggle={onToggle}
        onKeyDown={onMenuKey}
        className="fixed inset-auto m-0 min-w-36 rounded-md border border-zinc-200 bg-white p-1 text-sm shadow-lg"
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            onClick={() => select(item)}
            className={`block w-full rounded px-3 py-1.5 text-left hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none ${
              item.danger ? "text-red-700" : "text-zinc-800"
            }`}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
