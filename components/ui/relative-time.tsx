"use client";

import { formatDateTime } from "@/lib/format";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

function relativeTime(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  return "just now";
}

/** "3 days ago", with the exact time on hover and on keyboard focus. */
export function RelativeTime({ value, empty = "Never" }: { value: Date | string | null; empty?: string }) {
  if (!value) return <span>{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const exact = formatDateTime(date);
  return (
    <time dateTime={date.toISOString()} title={exact} aria-label={`${relativeTime(date)} (${exact})`} tabIndex={0} suppressHydrationWarning>
      {relativeTime(date)}
    </time>
  );
}
