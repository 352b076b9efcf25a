"use client";

import { useEffect, useState } from "react";
import { ENVIRONMENTS } from "@/lib/keys/constants";
import { CUSTOMER_SCOPES } from "@/lib/keys/scopes";
import { KEY_STATUSES } from "@/lib/keys/status";
import { useQueryParams } from "@/components/ui/use-query-params";

const selectClass = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm";

export function KeysToolbar({ projects }: { projects: { id: string; name: string }[] }) {
  const { params, set } = useQueryParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  // Search as you type, a moment after the last keystroke.
  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const t = setTimeout(() => set({ q }), 300);
    return () => clearTimeout(t);
  }, [q, params, set]);

  const filter = (name: string, label: string, options: readonly { value: string; label: string }[]) => (
    <label className="text-sm">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        className={selectClass}
        value={params.get(name) ?? ""}
        onChange={(e) => set({ [name]: e.target.value })}
      >
        <option value="">{`Any ${label.toLowerCase()}`}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <input
        type="search"
        aria-label="Search keys"
        placeholder="Search name or key hint…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="w-64 rounded-md border border-zinc-300 px-3 py-1.5 text-sm"
      />
      {filter("status", "Status", plain(KEY_STATUSES))}
      {filter("environment", "Environment", plain(ENVIRONMENTS))}
      {filter("scope", "Scope", plain(CUSTOMER_SCOPES))}
      {projects.length > 0
        ? filter(
            "project",
            "Project",
            projects.map((p) => ({ value: p.id, label: p.name })),
          )
        : null}
    </div>
  );
}
