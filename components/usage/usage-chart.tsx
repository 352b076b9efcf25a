"use client";

import dynamic from "next/dynamic";
import type { ChartPoint } from "./outcomes";

// Drawn in the browser only: times are shown in the browser's time zone, and recharts
// measures the page. The skeleton holds the chart's place until then.
const Inner = dynamic(() => import("./usage-chart-inner"), {
  ssr: false,
  loading: () => <div className="h-72 animate-pulse rounded-md bg-zinc-100" aria-label="Loading chart" role="status" />,
});

export function UsageChart(props: { points: ChartPoint[]; granularity: "minute" | "hour" | "day"; quota: number | null }) {
  return <Inner {...props} />;
}
