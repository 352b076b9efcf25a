"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOME_STYLES, type ChartPoint } from "./outcomes";

const FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  minute: { hour: "2-digit", minute: "2-digit" },
  hour: { month: "short", day: "numeric", hour: "2-digit" },
  day: { month: "short", day: "numeric", timeZone: "UTC" },
};

export default function UsageChartInner({
  points,
  granularity,
  quota,
}: {
  points: ChartPoint[];
  granularity: "minute" | "hour" | "day";
  quota: number | null;
}) {
  const format = new Intl.DateTimeFormat(undefined, FORMATS[granularity]);
  const zone = granularity === "day" ? "UTC days" : Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <figure>
      <div className="h-72" role="img" aria-label={`Requests per ${granularity}, stacked by outcome; the table view has the numbers`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.15} />
            <XAxis dataKey="time" tickFormatter={(t: string) => format.format(new Date(t))} minTickGap={24} fontSize={12} stroke="currentColor" />
            <YAxis allowDecimals={false} fontSize={12} width={48} stroke="currentColor" />
            <Tooltip labelFormatter={(t) => format.format(new Date(String(t)))} />
            <Legend />
            {OUTCOME_STYLES.map((o) => (
              <Bar key={o.key} dataKey={o.key} name={o.label} stackId="outcomes" fill={o.color} isAnimationActive={false} />
            ))}
            {quota ? <ReferenceLine y={quota} stroke="#dc2626" strokeDasharray="6 3" label={{ value: "daily quota", position: "insideTopRight", fontSize: 12 }} /> : null}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-zinc-600">Times in {zone}.</figcaption>
    </figure>
  );
}
