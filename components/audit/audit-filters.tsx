"use client";

import { Button } from "@/components/ui/button";
import { useQueryParams } from "@/components/ui/use-query-params";

export function AuditFilters({ actions }: { actions: string[] }) {
  const { params, set } = useQueryParams();
  const input = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form
      className="mb-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        set({
          action: String(f.get("action") ?? ""),
          actor: String(f.get("actor") ?? ""),
          from: String(f.get("from") ?? ""),
          to: String(f.get("to") ?? ""),
        });
      }}
    >
      <label className="text-sm">
        <span className="block text-zinc-600">Action</span>
        <select name="action" defaultValue={params.get("action") ?? ""} className={input}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">Actor</span>
        <input name="actor" defaultValue={params.get("actor") ?? ""} placeholder="email" className={input} />
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">From</span>
        <input type="date" name="from" defaultValue={params.get("from") ?? ""} className={input} />
      </label>
      <label className="text-sm">
        <span className="block text-zinc-600">To</span>
        <input type="date" name="to" defaultValue={params.get("to") ?? ""} className={input} />
      </label>
      <Button type="submit">Filter</Button>
    </form>
  );
}
