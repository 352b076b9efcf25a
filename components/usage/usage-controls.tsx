"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FilterInput, FilterSelect, plainOptions } from "@/components/ui/filter-field";
import { useQueryParams } from "@/components/ui/use-query-params";
import { ENVIRONMENTS } from "@/lib/keys/constants";

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

const applyNow = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();

/**
 * Range and filters of the Usage page; the whole state lives in the URL. A choice applies at
 * once; only a custom range shows its dates, and waits for Apply.
 */
export function UsageControls({ keys, projects }: Props) {
  const { params, set } = useQueryParams();
  const range = params.get("range") ?? "24h";
  const [custom, setCustom] = useState(range === "custom");
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
      <FilterSelect
        label="Range"
        name="range"
        options={RANGES}
        defaultValue={range}
        onChange={(e) => {
          setCustom(e.currentTarget.value === "custom");
          if (e.currentTarget.value !== "custom") applyNow(e);
        }}
      />
      {custom ? (
        <>
          <FilterInput label="From" type="date" name="from" defaultValue={params.get("from") ?? ""} />
          <FilterInput label="To" type="date" name="to" defaultValue={params.get("to") ?? ""} />
          <Button type="submit">Apply</Button>
        </>
      ) : null}
      <FilterSelect
        label="Key"
        name="key"
        any="All keys"
        options={keys.map((k) => ({ value: k.id, label: k.name }))}
        defaultValue={params.get("key") ?? ""}
        onChange={applyNow}
      />
      <FilterSelect
        label="Environment"
        name="environment"
        any="Both"
        options={plainOptions(ENVIRONMENTS)}
        defaultValue={params.get("environment") ?? ""}
        onChange={applyNow}
      />
      {projects.length ? (
        <FilterSelect
          label="Project"
          name="project"
          any="All projects"
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
          defaultValue={params.get("project") ?? ""}
          onChange={applyNow}
        />
      ) : null}
    </form>
  );
}
