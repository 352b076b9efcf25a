import { z } from "zod";
import { ENVIRONMENTS } from "../keys/constants";
import { recordId } from "../validation/text";

// The Usage page's state, read from the URL (the CSV export reads the same): a preset range
// or a custom one, and filters. Bad values fall back to defaults, except a custom range,
// whose problems are explained on the page (lib/usage/series.ts checkRange).

const USAGE_RANGES = ["24h", "7d", "30d", "custom"] as const;
type UsageRange = (typeof USAGE_RANGES)[number];
const PRESET_MS: Record<Exclude<UsageRange, "custom">, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

export const usageQuerySchema = z.object({
  range: z.enum(USAGE_RANGES).catch("24h").default("24h"),
  from: z.string().max(40).optional().catch(undefined),
  to: z.string().max(40).optional().catch(undefined),
  key: recordId().optional().catch(undefined),
  environment: z.enum(ENVIRONMENTS).optional().catch(undefined),
  project: recordId().optional().catch(undefined),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** The range to draw: a preset ends now; a custom one runs from the start of `from` to the end of `to`. */
export function resolveRange(q: UsageQuery, now = Date.now()): { from: Date; to: Date } {
  if (q.range !== "custom") return { from: new Date(now - PRESET_MS[q.range]), to: new Date(now) };
  const from = new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.from ?? "") ? `${q.from}T00:00:00Z` : (q.from ?? ""));
  const to = new Date(/^\d{4}-\d{2}-\d{2}$/.test(q.to ?? "") ? `${q.to}T23:59:59.999Z` : (q.to ?? ""));
  return { from, to: to.getTime() > now ? new Date(now) : to };
}

/** The query string of the same view (for the CSV link). */
export function usageQueryString(q: UsageQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}

export function toCsv(points: { time: Date; ok: number; unauthorized: number; forbidden: number; rateLimited: number; other: number }[]) {
  const lines = ["time,requests,ok,unauthorized,forbidden,rate_limited,other"];
  for (const p of points) {
    const requests = p.ok + p.unauthorized + p.forbidden + p.rateLimited + p.other;
    lines.push([p.time.toISOString(), requests, p.ok, p.unauthorized, p.forbidden, p.rateLimited, p.other].join(","));
  }
  return `${lines.join("\n")}\n`;
}
