"use client";

import { Button } from "@/components/ui/button";
import { useQueryParams } from "@/components/ui/use-query-params";

const RANGES = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom" },
];

interface Props {
  keys: { id: string; name: string }[];
  projects: { id: string; name: string }[];
}

/** Range and filters of the Usage page; the whole state lives in the URL. */
export function UsageControls({ keys, projects }: Props) {
  const { params, set } = useQueryParams();
  const input = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm";
  const range = params.get("range") ?? "24h";
  return (
    <form
      className="mb-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (k: string) => String(f.get(k) ?? "");
        set({ range: get("range"), from: get("from"), to: get("to"), key: get("key"), environment: get("environment"), project: get("project") });
      }}
    >
      <label className="text-sm">
        <span className="block text-zinc-600">Range</span>
        <select name="range" defaultValue={range} className={input} onChange={(e) => e.currentTarget.value !== "custom" && e.currentTarget.form?.requestSubmit()}>
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">From</span>
        <input type="date" name="from" defaultValue={params.get("from") ?? ""} className={input} />
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">To</span>
        <input type="date" name="to" defaultValue={params.get("to") ?? ""} className={input} />
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">Key</span>
        <select name="key" defaultValue={params.get("key") ?? ""} className={input}>
          <option value="">All keys</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">Environment</span>
        <select name="environment" defaultValue={params.get("environment") ?? ""} className={input}>
          <option value="">Both</option>
          <option value="live">live</option>
          <option value="test">test</option>
        </select>
      </label>
      {projects.length ? (
        <label className="text-sm">
          <span className="block text-zinc-600">Project</span>
          <select name="project" defaultValue={params.get("project") ?? ""} className={input}>
            <option value="">All projects</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <Button type="submit">Apply</Button>
    </form>
  );
}
