import { Prisma } from "@prisma/client";
import { db } from "../db/client";

export const USAGE_GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof USAGE_GRANULARITIES)[number];

export interface UsagePoint {
  time: Date;
  ok: number;
  unauthorized: number;
  forbidden: number;
  rateLimited: number;
  other: number;
}

/** The organization's rollups summed per minute, hour or day (UTC), oldest first. */
export async function getUsageForOrg(
  organizationId: string,
  q: { from: Date; to: Date; granularity: Granularity; keyId?: string },
): Promise<UsagePoint[]> {
  const unit = Prisma.raw(`'${q.granularity}'`); // from a fixed list, never user text
  const byKey = q.keyId ? Prisma.sql`AND "keyId" = ${q.keyId}` : Prisma.empty;
  const rows = await db().$queryRaw<
    { time: Date; ok: bigint; unauthorized: bigint; forbidden: bigint; rateLimited: bigint; other: bigint }[]
  >`
    SELECT date_trunc(${unit}, "minute") AS time, sum("ok") AS ok, sum("unauthorized") AS unauthorized,
           sum("forbidden") AS forbidden, sum("rateLimited") AS "rateLimited", sum("other") AS other
    FROM "UsageRollup"
    WHERE "organizationId" = ${organizationId} AND "minute" >= ${q.from} AND "minute" < ${q.to} ${byKey}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    time: r.time,
    ok: Number(r.ok),
    unauthorized: Number(r.unauthorized),
    forbidden: Number(r.forbidden),
    rateLimited: Number(r.rateLimited),
    other: Number(r.other),
  }));
}
