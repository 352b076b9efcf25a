import { db } from "../db/client";
import { log } from "../log";
import { RETENTION_MS } from "./series";

// Usage is written at three resolutions at once (lib/usage/buffer.ts), so compacting old
// usage is deleting the fine rows the coarse ones already hold: minute rows after 48 hours,
// hour rows after 35 days, day rows after 400 days (USAGE_*_RETENTION_*). One instance at a
// time does it: a transaction-scoped advisory lock, skipped (not awaited) when taken.

const LOCK_ID = 72_407_312;
const EVERY_MS = 10 * 60_000;

export interface RetentionResult {
  ran: boolean;
  deleted: number;
}

export async function applyUsageRetention(now = Date.now()): Promise<RetentionResult> {
  return db().$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_ID}) AS locked`;
    if (!locked) return { ran: false, deleted: 0 };
    let deleted = 0;
    for (const period of ["minute", "hour", "day"] as const) {
      const before = new Date(now - RETENTION_MS[period]);
      deleted += await tx.$executeRaw`DELETE FROM "UsageRollup" WHERE "period" = ${period} AND "minute" < ${before}`;
      deleted += await tx.$executeRaw`DELETE FROM "UsageOrgRollup" WHERE "period" = ${period} AND "minute" < ${before}`;
    }
    return { ran: true, deleted };
  });
}

/** Runs the retention every 10 minutes in this process; returns the function that stops it. */
export function startUsageRetention(): () => void {
  const run = () =>
    void applyUsageRetention().then(
      (r) => r.deleted && log().info({ deleted: r.deleted }, "usage retention: old rollups deleted"),
      (err) => log().warn({ err }, "usage retention failed; will retry"),
    );
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
