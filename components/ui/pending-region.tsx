"use client";

import { createContext, useContext, useTransition, type TransitionStartFunction } from "react";

const PendingContext = createContext<TransitionStartFunction | null>(null);

/**
 * While a navigation started inside (a page, sort or filter change through useQueryParams)
 * loads, the region is marked busy and dimmed, so a click visibly did something.
 */
export function PendingRegion({ children }: { children: React.ReactNode }) {
  const [pending, startTransition] = useTransition();
  return (
    <PendingContext.Provider value={startTransition}>
      <div aria-busy={pending} className={pending ? "opacity-60 transition-opacity" : "transition-opacity"}>
        {children}
      </div>
      {pending ? (
        <p role="status" className="sr-only">
          Loading…
        </p>
      ) : null}
    </PendingContext.Provider>
  );
}

export const usePendingTransition = () => useContext(PendingContext);
