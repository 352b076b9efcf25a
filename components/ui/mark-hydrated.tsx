"use client";

import { useEffect } from "react";

/** Tells the early-clicks script that the page's root has hydrated and committed. */
export function MarkHydrated() {
  useEffect(() => {
    // A window property, not an attribute: React may reset the <html> element's attributes.
    (window as Window & { __keyhouseHydrated?: boolean }).__keyhouseHydrated = true;
  }, []);
  return null;
}
