"use client";

import { useEffect, useState } from "react";
import { ENVIRONMENTS } from "@/lib/keys/constants";
import { CUSTOMER_SCOPES } from "@/lib/keys/scopes";
import { KEY_STATUSES } from "@/lib/keys/status";
import { FilterSelect, plainOptions } from "@/components/ui/filter-field";
import { useQueryParams } from "@/components/ui/use-query-params";

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
    <FilterSelect
      label={label}
      hideLabel
      aria-label={label}
      any={`Any ${label.toLowerCase()}`}
      options={options}
      value={params.get(name) ?? ""}
      onChange={(e) => set({ [name]: e.target.value })}
    />
  );

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
      {filter("status", "Status", plainOptions(KEY_STATUSES))}
      {filter("environment", "Environment", plainOptions(ENVIRONMENTS))}
      {filter("scope", "Scope", plainOptions(CUSTOMER_SCOPES))}
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
