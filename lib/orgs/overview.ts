import { getAuditEvents, auditQuerySchema } from "../audit/queries";
import { db } from "../db/client";
import { getUsageSeriesForOrg, totalsOf, type UsagePoint } from "../usage/series";

const DAY_MS = 86_400_000;
const SOON_DAYS = 14;

/** What an organization's home page shows: traffic, keys needing attention, recent changes. */
export async function getOverviewForOrg(organizationId: string, now = Date.now()) {
  const today = now - (now % DAY_MS);
  const live = { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now) } }] };
  const [week, expiring, neverUsed, neverUsedCount, keyCount, audit, org] = await Promise.all([
    getUsageSeriesForOrg(organizationId, { from: new Date(today - 6 * DAY_MS), to: new Date(now), granularity: "day" }),
    db().apiKey.findMany({
      where: { organizationId, revokedAt: null, expiresAt: { gt: new Date(now), lte: new Date(now + SOON_DAYS * DAY_MS) } },
      select: { id: true, name: true, hint: true, expiresAt: true },
      orderBy: { expiresAt: "asc" },
      take: 5,
    }),
    db().apiKey.findMany({ where: { organizationId, lastUsedAt: null, ...live }, select: { id: true, name: true, hint: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 5 }),
    db().apiKey.count({ where: { organizationId, lastUsedAt: null, ...live } }),
    db().apiKey.count({ where: { organizationId } }),
    getAuditEvents({ organizationId, audience: "customer" }, auditQuerySchema.parse({})),
    db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { createdAt: true } }),
  ]);
  const todayPoint: UsagePoint | undefined = week.points.find((p) => p.time.getTime() === today);
  const everUsed = keyCount > 0 && (await db().apiKey.findFirst({ where: { organizationId, lastUsedAt: { not: null } }, select: { id: true } })) !== null;
  return {
    today: totalsOf(todayPoint ? [todayPoint] : []),
    week: totalsOf(week.points),
    weekPoints: week.points,
    expiring,
    soonDays: SOON_DAYS,
    neverUsed,
    neverUsedCount,
    recentEvents: audit.rows.slice(0, 6),
    organizationAgeMs: now - org.createdAt.getTime(),
    checklist: { keyCreated: keyCount > 0, requestMade: everUsed, requestCounted: week.points.some((p) => totalsOf([p]).requests > 0) },
  };
}
