"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Re-renders the page's server parts every `everyMs` while the tab is visible. */
export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

/** New traffic shows up on its own: a refresh every 10 s while the tab is visible, and a button. */
export function LiveRefresh() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <AutoRefresh everyMs={10_000} />
      <Button variant="secondary" onClick={() => startTransition(() => router.refresh())} disabled={pending}>
      {pending ? "Refreshing…" : "Refresh"}
      </Button>
    </>
  );
}
