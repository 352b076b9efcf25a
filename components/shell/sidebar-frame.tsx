"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The sidebar beside the page from 768 px up; below that, a top bar with a menu button that
 * opens it over the page (closed again by navigating, Escape or the backdrop).
 */
export function SidebarFrame({ sidebar, children }: { sidebar: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className="min-h-screen md:flex">
      {/* The phone's top bar is the page's banner landmark: nothing on the page sits outside one. */}
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-zinc-200 bg-white px-4 py-2 md:hidden">
        <span className="font-semibold text-indigo-700">Keyhouse</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="sidebar"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </header>
      {open ? <div aria-hidden className="fixed inset-0 z-30 bg-zinc-900/40 md:hidden" onClick={() => setOpen(false)} /> : null}
      <aside
        id="sidebar"
        className={`${open ? "fixed inset-y-0 left-0 z-40 flex overflow-y-auto" : "hidden"} w-64 shrink-0 flex-col gap-6 border-r border-zinc-200 bg-white p-4 md:static md:flex md:w-56`}
      >
        {sidebar}
      </aside>
      <main className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">{children}</main>
    </div>
  );
}
