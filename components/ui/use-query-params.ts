"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { usePendingTransition } from "./pending-region";

/** Table state lives in the URL so a view can be shared; empty values are dropped. */
export function useQueryParams() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const startTransition = usePendingTransition();
  const set = useCallback(
    (patch: Record<string, string | number | undefined>, { resetPage = true } = {}) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      if (resetPage && !("page" in patch)) next.delete("page");
      const qs = next.toString();
      const go = () => router.push(qs ? `${pathname}?${qs}` : pathname);
      if (startTransition) startTransition(go);
      else go();
    },
    [params, pathname, router, startTransition],
  );
  return { params, set };
}
