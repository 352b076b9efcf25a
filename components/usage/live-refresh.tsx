"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** New traffic shows up on its own: a refresh every 10 s while the tab is visible, and a button. */
export function LiveRefresh() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, 10_000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <Button variant="secondary" onClick={() => startTransition(() => router.refresh())} disabled={pending}>
      {pending ? "Refreshing…" : "Refresh"}
    </Button>
  );
}
