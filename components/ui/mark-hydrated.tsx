"use client";

import { useEffect } from "react";

/** Tells the early-clicks script that the page's root has hydrated and committed. */
export function MarkHydrated() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
