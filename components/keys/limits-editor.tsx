"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { NamedLimit } from "@/lib/ratelimit/named-limits";

const WINDOWS = ["second", "minute", "hour", "day"] as const;
type Row = { name: string; limit: string; window: NamedLimit["window"] };

/**
 * Named limits as rows (name, how many, per which window), sent as JSON in one hidden field
 * `limits`; the server validates them (lib/ratelimit/named-limits.ts) and reports by row.
 */
export function LimitsEditor({ initial, errors, label }: { initial: NamedLimit[]; errors?: string[]; label: string }) {
  const [rows, setRows] = useState<Row[]>(initial.map((l) => ({ name: l.name, limit: String(l.limit), window: l.window })));
  const update = (i: number, change: Partial<Row>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));
  // Rows left wholly empty are dropped; a half-filled one reaches the server and is named in its error.
  const value = rows
    .filter((r) => r.name.trim() || r.limit.trim())
    .map((r) => ({ name: r.name.trim(), limit: r.limit.trim() === "" ? 0 : Number(r.limit), window: r.window }));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-zinc-800">{label}</legend>
      <input type="hidden" name="limits" value={JSON.stringify(value)} />
      {rows.length === 0 ? <p className="text-xs text-zinc-500">None: only the per-minute rate limit applies.</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2 text-sm">
          <input
            aria-label={`Limit ${i + 1} name`}
            value={row.name}
            onChange={(e) => update(i, { name: e.target.value })}
            placeholder="tokens"
            className="w-28 rounded-md border border-zinc-300 px-2 py-1.5"
          />
          <input
            aria-label={`Limit ${i + 1} amount`}
            type="number"
            min={1}
            value={row.limit}
            onChange={(e) => update(i, { limit: e.target.value })}
            placeholder="50000"
            className="w-28 rounded-md border border-zinc-300 px-2 py-1.5"
          />
          <span className="text-zinc-600">per</span>
          <select
            aria-label={`Limit ${i + 1} window`}
            value={row.window}
            onChange={(e) => update(i, { window: e.target.value as Row["window"] })}
            className="rounded-md border border-zinc-300 px-2 py-1.5"
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" onClick={() => setRows((r) => r.filter((_, j) => j !== i))} aria-label={`Remove limit ${i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      {rows.length < 10 ? (
        <Button type="button" variant="secondary" onClick={() => setRows((r) => [...r, { name: "", limit: "", window: "minute" }])}>
          Add a limit
        </Button>
      ) : null}
      <p className="text-xs text-zinc-500">
        Each request costs 1 of every limit unless a gateway&apos;s verify says otherwise (<code>{'"limits": {"tokens": 1200}'}</code>). Windows
        start on the UTC minute, hour or day.
      </p>
      <p className="text-xs text-red-700" aria-live="polite">
        {errors?.join(" ")}
      </p>
    </fieldset>
  );
}
