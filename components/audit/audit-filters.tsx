"use client";

import { Button } from "@/components/ui/button";
import { FilterInput, FilterSelect, plainOptions } from "@/components/ui/filter-field";
import { useQueryParams } from "@/components/ui/use-query-params";

/** Filters of an audit log; `staff` (the staff audit view) picks the actor from the team instead of an email search. */
export function AuditFilters({ actions, staff }: { actions: string[]; staff?: { value: string; label: string }[] }) {
  const { params, set } = useQueryParams();
  return (
    <form
      className="mb-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        set({
          action: String(f.get("action") ?? ""),
          actor: String(f.get("actor") ?? ""),
          staff: String(f.get("staff") ?? ""),
          from: String(f.get("from") ?? ""),
          to: String(f.get("to") ?? ""),
        });
      }}
    >
      <FilterSelect label="Action" name="action" any="Any action" options={plainOptions(actions)} defaultValue={params.get("action") ?? ""} />
      {/* The staff view's actor is one of the team, picked by name; a customer's log is searched by email. */}
      {staff ? (
        <FilterSelect label="Staff member" name="staff" any="Anyone" options={staff} defaultValue={params.get("staff") ?? ""} />
      ) : (
        <FilterInput label="Actor" name="actor" placeholder="email" defaultValue={params.get("actor") ?? ""} />
      )}
      <FilterInput label="From" type="date" name="from" defaultValue={params.get("from") ?? ""} />
      <FilterInput label="To" type="date" name="to" defaultValue={params.get("to") ?? ""} />
      <Button type="submit">Filter</Button>
    </form>
  );
}
