"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOME_STYLES, type ChartPoint } from "./outcomes";

type Outcome = (typeof OUTCOME_STYLES)[number]["key"];

const FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  minute: { hour: "2-digit", minute: "2-digit" },
  hour: { month: "short", day: "numeric", hour: "2-digit" },
  day: { month: "short", day: "numeric", timeZone: "UTC" },
};
const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat("en");

export default function UsageChartInner({
  points,
  granularity,
  quota,
}: {
  points: ChartPoint[];
  granularity: "minute" | "hour" | "day";
  quota: number | null;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<Outcome>>(new Set());
  const [drawnAt] = useState(() => Date.now());
  const format = new Intl.DateTimeFormat(undefined, FORMATS[granularity]);
  const zone = granularity === "day" ? "UTC days" : Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The newest bucket is still filling: drawn lighter, so a chart does not end in a cliff.
  const bucket = points.length > 1 ? Date.parse(points.at(-1)!.time) - Date.parse(points.at(-2)!.time) : BUCKET_MS[granularity];
  const partial = points.length > 0 && Date.parse(points.at(-1)!.time) + bucket > drawnAt ? points.length - 1 : -1;
  const errorsOnly = hidden.has("ok") && OUTCOME_STYLES.every((o) => o.key === "ok" || !hidden.has(o.key));
  const toggle = (key: Outcome) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const shown = OUTCOME_STYLES.filter((o) => !hidden.has(o.key));
  return (
    <figure>
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-xs">
        <div role="group" aria-label="Outcomes shown" className="flex flex-wrap gap-x-3 gap-y-1">
          {OUTCOME_STYLES.map((o) => (
            <button
              key={o.key}
              type="button"
              aria-pressed={!hidden.has(o.key)}
              onClick={() => toggle(o.key)}
              className="inline-flex items-center gap-1.5 rounded px-1 py-0.5 text-zinc-800 hover:bg-zinc-100 aria-[pressed=false]:text-zinc-500 aria-[pressed=false]:line-through"
            >
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: o.color, opacity: hidden.has(o.key) ? 0.3 : 1 }} />
              {o.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          aria-pressed={errorsOnly}
          onClick={() => setHidden(errorsOnly ? new Set() : new Set(["ok"]))}
          className="rounded border border-zinc-300 px-2 py-0.5 font-medium text-zinc-800 hover:bg-zinc-100 aria-pressed:bg-zinc-800 aria-pressed:text-white"
        >
          Errors only
        </button>
      </div>
      <div className="h-72" role="img" aria-label={`Requests per ${granularity}, stacked by outcome; the table view has the numbers`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.15} />
            <XAxis dataKey="time" tickFormatter={(t: string) => format.format(new Date(t))} minTickGap={24} fontSize={12} stroke="currentColor" />
            <YAxis allowDecimals={false} fontSize={12} width={48} stroke="currentColor" tickFormatter={(v: number) => compact.format(v)} />
            <Tooltip
              labelFormatter={(t, payload) => `${format.format(new Date(String(t)))}${payload?.[0]?.payload === points[partial] ? " (so far)" : ""}`}
              formatter={(value) => exact.format(Number(value))}
            />
            {shown.map((o) => (
              <Bar key={o.key} dataKey={o.key} name={o.label} stackId="outcomes" fill={o.color} isAnimationActive={false}>
                {points.map((p, i) => (
                  <Cell key={p.time} fillOpacity={i === partial ? 0.45 : 1} />
                ))}
              </Bar>
            ))}
            {quota && !hidden.has("ok") ? (
              <ReferenceLine y={quota} stroke="#ef4444" strokeDasharray="6 3" label={{ value: "daily quota", position: "insideTopRight", fontSize: 12, fill: "currentColor" }} />
            ) : null}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-zinc-600">
        Times in {zone}.{partial >= 0 ? ` The latest ${granularity} is still counting and is drawn lighter.` : ""}
      </figcaption>
    </figure>
  );
}
