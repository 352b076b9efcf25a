"use client";

import dynamic from "next/dynamic";
import type { ChartPoint } from "./outcomes";

// Drawn in the browser only: times are shown in the browser's time zone, and recharts
// measures the page. The skeleton holds the chart's place until then.
const Inner = dynamic(() => import("./usage-chart-inner"), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

export function UsageChart(props: { points: ChartPoint[]; granularity: "minute" | "hour" | "day"; quota: number | null }) {
  return <Inner {...props} />;
}

/** Bars of the chart's shape while its code loads, not a grey block. */
function ChartSkeleton() {
  const heights = [35, 55, 40, 70, 50, 85, 60, 45, 75, 30, 65, 50];
  return (
    <div role="status" aria-label="Loading chart" className="flex h-80 animate-pulse items-end gap-2 border-b border-zinc-200 px-12 pb-8">
      {heights.map((h, i) => (
        <div key={i} className="flex-1 rounded-t bg-zinc-200" style={{ height: `${h}%` }} />
      ))}
    </div>
  );
}
