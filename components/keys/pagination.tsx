"use client";

import { PAGE_SIZES } from "@/lib/keys/constants";
import { useQueryParams } from "@/components/ui/use-query-params";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { set } = useQueryParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const button = "rounded-md border border-zinc-300 bg-white px-2 py-1 disabled:opacity-40";
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-zinc-600">
      <p>
        {from}–{to} of {total.toLocaleString("en-US")}
      </p>
      <div className="flex items-center gap-2">
        <label>
          Rows{" "}
          <select
            value={pageSize}
            onChange={(e) => set({ pageSize: e.target.value })}
            className="rounded-md border border-zinc-300 px-1 py-1"
          >
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button className={button} disabled={page <= 1} onClick={() => set({ page: page - 1 }, { resetPage: false })}>
          Previous
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button className={button} disabled={page >= pages} onClick={() => set({ page: page + 1 }, { resetPage: false })}>
          Next
        </button>
      </div>
    </nav>
  );
}
