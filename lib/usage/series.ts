import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { settings } from "../config/settings";

// Usage over time: the one query code behind the Usage page, the key page, the CSV export
// and GET /api/v1/usage. Reads the rollups at the resolution it draws (schema: UsageRollup).

export const USAGE_GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof USAGE_GRANULARITIES)[number];
const OUTCOMES = ["ok", "unauthorized", "forbidden", "rateLimited", "other"] as const;

const STEP_MS: Record<Granularity, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** How long each resolution is kept (lib/usage/retention.ts deletes older rows). */
export const RETENTION_MS: Record<Granularity, number> = {
  minute: settings().USAGE_MINUTE_RETENTION_HOURS * 3_600_000,
  hour: settings().USAGE_HOUR_RETENTION_DAYS * 86_400_000,
  day: settings().USAGE_DAY_RETENTION_DAYS * 86_400_000,
};
/** The longest range one chart or request may cover. */
const MAX_RANGE_MS = 90 * 86_400_000;
/** A chart has at most about this many points. */
const MAX_POINTS = 200;

export interface UsagePoint {
  time: Date;
  ok: number;
  unauthorized: number;
  forbidden: number;
  rateLimited: number;
  other: number;
}

export interface UsageFilter {
  from: Date;
  to: Date;
  granularity?: Granularity;
  keyId?: string;
  environment?: "live" | "test";
  projectId?: string;
}

function floorTo(granularity: Granularity, t: number): number {
  return t - (t % STEP_MS[granularity]);
}

/** The finest resolution that draws the range in at most MAX_POINTS points and still holds its start. */
export function chooseGranularity(from: Date, to: Date, now = Date.now()): Granularity {
  const span = to.getTime() - from.getTime();
  for (const g of USAGE_GRANULARITIES) {
    if (span / STEP_MS[g] <= MAX_POINTS && from.getTime() >= now - RETENTION_MS[g]) return g;
  }
  return "day";
}

/** Refuses what cannot be answered, with a message for the page or the API's 400. */
export function checkRange(f: UsageFilter, now = Date.now()): Granularity {
  if (Number.isNaN(f.from.getTime()) || Number.isNaN(f.to.getTime())) throw new DomainError("INVALID", "Not a valid date.", "from");
  if (f.from >= f.to) throw new DomainError("INVALID", "'from' must be before 'to'.", "from");
  if (f.to.getTime() - f.from.getTime() > MAX_RANGE_MS) {
    throw new DomainError("INVALID", `The range is at most ${MAX_RANGE_MS / 86_400_000} days.`, "from");
  }
  if (f.from.getTime() < now - RETENTION_MS.day) {
    throw new DomainError("INVALID", `Usage is kept for ${Math.round(RETENTION_MS.day / 86_400_000)} days.`, "from");
  }
  const g = f.granularity ?? chooseGranularity(f.from, f.to, now);
  if (f.from.getTime() < now - RETENTION_MS[g]) {
    const kept = g === "minute" ? `${RETENTION_MS.minute / 3_600_000} hours` : `${RETENTION_MS.hour / 86_400_000} days`;
    throw new DomainError("INVALID", `Per-${g} usage is kept for ${kept}; choose a coarser granularity.`, "granularity");
  }
  if ((f.to.getTime() - f.from.getTime()) / STEP_MS[g] > 10_000) {
    throw new DomainError("INVALID", `Too many ${g} points; choose a coarser granularity.`, "granularity");
  }
  return g;
}

const SUMS = Prisma.sql`sum(r."ok")::int AS ok, sum(r."unauthorized")::int AS unauthorized, sum(r."forbidden")::int AS forbidden,
  sum(r."rateLimited")::int AS "rateLimited", sum(r."other")::int AS other`;

/** The organization's usage (or one key's, or filtered by environment or project), one point per bucket, zeros included. */
export async function getUsageSeriesForOrg(
  organizationId: string,
  filter: UsageFilter,
): Promise<{ granularity: Granularity; points: UsagePoint[] }> {
  const granularity = checkRange(filter);
  const from = new Date(floorTo(granularity, filter.from.getTime()));
  const { to } = filter;
  let rows: UsagePoint[];
  if (filter.keyId) {
    await assertKeyInOrg(organizationId, filter.keyId);
    rows = await db().$queryRaw<UsagePoint[]>`
      SELECT r."minute" AS time, ${SUMS} FROM "UsageRollup" r
      WHERE r."keyId" = ${filter.keyId} AND r."period" = ${granularity} AND r."minute" >= ${from} AND r."minute" < ${to}
      GROUP BY 1 ORDER BY 1`;
  } else if (filter.environment || filter.projectId) {
    const env = filter.environment ? Prisma.sql`AND k."environment" = ${filter.environment}::"KeyEnvironment"` : Prisma.empty;
    const project = filter.projectId ? Prisma.sql`AND k."projectId" = ${filter.projectId}` : Prisma.empty;
    rows = await db().$queryRaw<UsagePoint[]>`
      SELECT r."minute" AS time, ${SUMS} FROM "UsageRollup" r JOIN "ApiKey" k ON k."id" = r."keyId"
      WHERE r."organizationId" = ${organizationId} AND r."period" = ${granularity}
        AND r."minute" >= ${from} AND r."minute" < ${to} ${env} ${project}
      GROUP BY 1 ORDER BY 1`;
  } else {
    rows = await db().$queryRaw<UsagePoint[]>`
      SELECT r."minute" AS time, ${SUMS} FROM "UsageOrgRollup" r
      WHERE r."organizationId" = ${organizationId} AND r."period" = ${granularity} AND r."minute" >= ${from} AND r."minute" < ${to}
      GROUP BY 1 ORDER BY 1`;
  }
  return { granularity, points: fillGaps(rows, granularity, from.getTime(), to.getTime()) };
}

function fillGaps(rows: UsagePoint[], g: Granularity, from: number, to: number): UsagePoint[] {
  const byTime = new Map(rows.map((r) => [new Date(r.time).getTime(), r]));
  const points: UsagePoint[] = [];
  for (let t = from; t < to; t += STEP_MS[g]) {
    const r = byTime.get(t);
    points.push({
      time: new Date(t),
      ok: r?.ok ?? 0,
      unauthorized: r?.unauthorized ?? 0,
      forbidden: r?.forbidden ?? 0,
      rateLimited: r?.rateLimited ?? 0,
      other: r?.other ?? 0,
    });
  }
  return points;
}

/** Another organization's key id answers exactly like an unknown one. */
async function assertKeyInOrg(organizationId: string, keyId: string) {
  const key = await db().apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true } });
  if (!key) throw new DomainError("NOT_FOUND", "Key not found.");
}

export function totalsOf(points: UsagePoint[]) {
  const t = { ok: 0, unauthorized: 0, forbidden: 0, rateLimited: 0, other: 0 };
  for (const p of points) for (const o of OUTCOMES) t[o] += p[o];
  const requests = OUTCOMES.reduce((n, o) => n + t[o], 0);
  return { ...t, requests, errorRate: requests ? (requests - t.ok) / requests : 0 };
}

/** The keys with the most requests in the range (hour or day rows), for the top-10 list. */
export async function getTopKeysForOrg(organizationId: string, filter: UsageFilter, limit = 10) {
  const g: Granularity = filter.to.getTime() - filter.from.getTime() > 7 * 86_400_000 ? "day" : "hour";
  const from = new Date(floorTo(g, filter.from.getTime()));
  const env = filter.environment ? Prisma.sql`AND k."environment" = ${filter.environment}::"KeyEnvironment"` : Prisma.empty;
  const project = filter.projectId ? Prisma.sql`AND k."projectId" = ${filter.projectId}` : Prisma.empty;
  return db().$queryRaw<{ keyId: string; name: string; hint: string; requests: number; errors: number }[]>`
    SELECT r."keyId", k."name", k."hint",
           sum(r."ok" + r."unauthorized" + r."forbidden" + r."rateLimited" + r."other")::int AS requests,
           sum(r."unauthorized" + r."forbidden" + r."rateLimited" + r."other")::int AS errors
    FROM "UsageRollup" r JOIN "ApiKey" k ON k."id" = r."keyId"
    WHERE r."organizationId" = ${organizationId} AND r."period" = ${g} AND r."minute" >= ${from} AND r."minute" < ${filter.to}
      ${env} ${project}
    GROUP BY r."keyId", k."name", k."hint" ORDER BY requests DESC LIMIT ${limit}`;
}

/** Requests of the organization today (UTC), against the plan's daily quota. */
export async function getTodayRequestsForOrg(organizationId: string, now = Date.now()): Promise<number> {
  const day = new Date(floorTo("day", now));
  const rows = await db().$queryRaw<{ n: number | null }[]>`
    SELECT sum("ok" + "unauthorized" + "forbidden" + "rateLimited" + "other")::int AS n
    FROM "UsageOrgRollup" WHERE "organizationId" = ${organizationId} AND "period" = 'day' AND "minute" = ${day}`;
  return rows[0]?.n ?? 0;
}

/** Requests per day over the last 7 days for each of these keys: one query for a page of the keys table. */
export async function getSparklinesForOrg(organizationId: string, keyIds: string[], now = Date.now()) {
  const days = 7;
  const start = floorTo("day", now) - (days - 1) * 86_400_000;
  const rows = keyIds.length
    ? await db().$queryRaw<{ keyId: string; time: Date; n: number }[]>`
        SELECT "keyId", "minute" AS time, ("ok" + "unauthorized" + "forbidden" + "rateLimited" + "other")::int AS n
        FROM "UsageRollup"
        WHERE "organizationId" = ${organizationId} AND "keyId" = ANY(${keyIds}) AND "period" = 'day' AND "minute" >= ${new Date(start)}`
    : [];
  const out = new Map<string, number[]>(keyIds.map((id) => [id, Array<number>(days).fill(0)]));
  for (const r of rows) {
    const i = Math.round((new Date(r.time).getTime() - start) / 86_400_000);
    const series = out.get(r.keyId);
    if (series && i >= 0 && i < days) series[i] += r.n;
  }
  return out;
}

/** One key's usage over the last `days` days (its page's chart). */
export function getRecentUsageForKey(organizationId: string, keyId: string, days = 7) {
  const now = Date.now();
  return getUsageSeriesForOrg(organizationId, { from: new Date(now - days * 86_400_000), to: new Date(now), keyId });
}
