"use client";

import { useEffect, useState } from "react";
import { ENVIRONMENTS } from "@/lib/keys/constants";
import { PROFILES, type ProfileId } from "@/lib/profiles/catalog";
import { KEY_STATUSES } from "@/lib/keys/status";
import { FilterSelect, plainOptions } from "@/components/ui/filter-field";
import { useQueryParams } from "@/components/ui/use-query-params";

const FILTERS = ["status", "environment", "scope", "project", "identity", "q"] as const;

interface Props {
  projects: { id: string; name: string }[];
  profile: ProfileId;
  /** The organization's customers (identities) by externalId. */
  customers: string[];
}

export function KeysToolbar({ projects, profile, customers }: Props) {
  const { params, set } = useQueryParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  // Search as you type, a moment after the last keystroke.
  useEffect(() => {
    if (q === (params.get("q") ?? "")) return;
    const t = setTimeout(() => set({ q }), 300);
    return () => clearTimeout(t);
  }, [q, params, set]);

  const filter = (name: string, label: string, options: readonly { value: string; label: string }[], any = `Any ${label.toLowerCase()}`) => (
    <FilterSelect
      label={label}
      hideLabel
      aria-label={label}
      any={any}
      options={options}
      value={params.get(name) ?? ""}
      onChange={(e) => set({ [name]: e.target.value })}
    />
  );
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? "unknown project";
  const chips = FILTERS.flatMap((name) => {
    const value = params.get(name);
    if (!value) return [];
    const shown = name === "project" ? projectName(value) : name === "status" && value === "all" ? "all statuses" : value;
    const label = name === "identity" ? "customer" : name;
    return [{ name, text: name === "q" ? `"${value}"` : `${label}: ${shown}` }];
  });

  return (
    <div className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Search keys"
          placeholder="Search name or key hint…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-full rounded-md border border-zinc-300 px-3 py-1.5 text-sm sm:w-64"
        />
        {/* No status: the "Active" preset (active and rotating keys); revoked and expired are one choice away. */}
        {filter("status", "Status", [{ value: "all", label: "All statuses" }, ...plainOptions(KEY_STATUSES)], "Active and rotating")}
        {filter("environment", "Environment", plainOptions(ENVIRONMENTS))}
        {filter("scope", "Scope", plainOptions(PROFILES[profile].scopes.map((s) => s.scope)))}
        {projects.length > 0
          ? filter(
              "project",
              "Project",
              projects.map((p) => ({ value: p.id, label: p.name })),
            )
          : null}
        {customers.length > 0 ? filter("identity", "Customer", plainOptions(customers)) : null}
      </div>
      {chips.length ? (
        <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2 text-xs">
          {chips.map((c) => (
            <li key={c.name}>
              <button
                type="button"
                onClick={() => {
                  if (c.name === "q") setQ("");
                  set({ [c.name]: "" });
                }}
                className="rounded-full border border-zinc-300 bg-zinc-50 px-2 py-0.5 text-zinc-800 hover:bg-zinc-100"
                aria-label={`Remove filter ${c.text}`}
              >
                {c.text} ×
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              onClick={() => {
                setQ("");
                set(Object.fromEntries(FILTERS.map((f) => [f, ""])));
              }}
              className="text-indigo-700 underline"
            >
              Clear filters
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
