import { db } from "../db/client";
import { countWriteBackFailure } from "../metrics/metrics";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { onShutdown } from "../server/shutdown";

// Every verification is counted here, in memory, and written in batches: rollups by outcome
// per key and per organization at three resolutions (minute, hour, day), and each key's
// last use (time, client IP, user agent). One flush is three statements, whatever the
// traffic: no database write per request. At most about a second behind; flushed on shutdown.

export type Outcome = "ok" | "unauthorized" | "forbidden" | "rateLimited" | "other";
const OUTCOMES: Outcome[] = ["ok", "unauthorized", "forbidden", "rateLimited", "other"];

/** Where a key was last used from: kept per key by the flush, never written per request. */
export interface Client {
  ip?: string | null;
  userAgent?: string | null;
}
interface LastUse {
  t: number;
  ip: string | null;
  userAgent: string | null;
}

interface Bucket {
  keyId: string;
  organizationId: string | null;
  minute: number;
  counts: Record<Outcome, number>;
}

const FLUSH_INTERVAL_MS = 1000;

class UsageBuffer {
  // By minute, then key: the key's id as it is (a composite "id|minute" string would be built
  // and hashed on every request, about a tenth of a microsecond each).
  private buckets = new Map<number, Map<string, Bucket>>();
  private lastUsed = new Map<string, LastUse>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Statements written so far (benchmarks report writes per verification). */
  statements = 0;

  record(keyId: string, organizationId: string | null, outcome: Outcome, client: Client = {}, now = Date.now()): void {
    const minute = now - (now % 60_000);
    const ofMinute = this.bucketsOf(minute);
    let bucket = ofMinute.get(keyId);
    if (!bucket) {
      bucket = { keyId, organizationId, minute, counts: { ok: 0, unauthorized: 0, forbidden: 0, rateLimited: 0, other: 0 } };
      ofMinute.set(keyId, bucket);
    }
    bucket.counts[outcome]++;
    if (outcome === "ok") {
      // Updated in place: no allocation per request on the hot path.
      const last = this.lastUsed.get(keyId);
      const userAgent = client.userAgent ? (client.userAgent.length > 512 ? client.userAgent.slice(0, 512) : client.userAgent) : null;
      if (!last) this.lastUsed.set(keyId, { t: now, ip: client.ip ?? null, userAgent });
      else if (last.t < now) {
        last.t = now;
        last.ip = client.ip ?? null;
        last.userAgent = userAgent;
      }
    }
    this.start();
  }

  private start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), FLUSH_INTERVAL_MS);
    this.timer.unref();
    onShutdown("usage buffer", () => this.close());
  }

  /** Writes what is buffered; on failure keeps it for the next try. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buckets.size === 0 && this.lastUsed.size === 0) return;
    const buckets = [...this.buckets.values()].flatMap((ofMinute) => [...ofMinute.values()]);
    const lastUsed = [...this.lastUsed.entries()];
    this.buckets = new Map();
    this.lastUsed = new Map();
    this.flushing = this.write(buckets, lastUsed)
      .catch((err) => {
        countWriteBackFailure("usage");
        for (const b of buckets) this.merge(b);
        for (const [k, use] of lastUsed) if ((this.lastUsed.get(k)?.t ?? 0) < use.t) this.lastUsed.set(k, use);
        throw err;
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private bucketsOf(minute: number): Map<string, Bucket> {
    let ofMinute = this.buckets.get(minute);
    if (!ofMinute) this.buckets.set(minute, (ofMinute = new Map()));
    return ofMinute;
  }

  private merge(b: Bucket) {
    const ofMinute = this.bucketsOf(b.minute);
    const existing = ofMinute.get(b.keyId);
    if (!existing) ofMinute.set(b.keyId, b);
    else addCounts(existing.counts, b.counts);
  }

  private async write(buckets: Bucket[], lastUsed: [string, LastUse][]) {
    // Prisma stores DateTime as UTC "timestamp(3)"; pass UTC text so no time zone applies.
    const utc = (ms: number) => new Date(ms).toISOString().slice(0, 23);
    if (buckets.length) {
      const keyRows = atEveryResolution(buckets);
      const orgRows = atEveryResolution(sumByOrganization(buckets));
      const col = (rows: Row[], o: Outcome) => rows.map((r) => r.counts[o]);
      await db().$executeRaw`
        INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
        SELECT * FROM unnest(${keyRows.map((r) => r.keyId)}::text[], ${keyRows.map((r) => r.organizationId)}::text[],
          ${keyRows.map((r) => r.period)}::text[], ${keyRows.map((r) => utc(r.start))}::timestamp(3)[],
          ${col(keyRows, "ok")}::int[], ${col(keyRows, "unauthorized")}::int[], ${col(keyRows, "forbidden")}::int[],
          ${col(keyRows, "rateLimited")}::int[], ${col(keyRows, "other")}::int[])
        ON CONFLICT ("keyId", "period", "minute") DO UPDATE SET
          "ok" = "UsageRollup"."ok" + EXCLUDED."ok",
          "unauthorized" = "UsageRollup"."unauthorized" + EXCLUDED."unauthorized",
          "forbidden" = "UsageRollup"."forbidden" + EXCLUDED."forbidden",
          "rateLimited" = "UsageRollup"."rateLimited" + EXCLUDED."rateLimited",
          "other" = "UsageRollup"."other" + EXCLUDED."other"`;
      this.statements++;
      if (orgRows.length) {
        await db().$executeRaw`
          INSERT INTO "UsageOrgRollup" ("organizationId", "period", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
          SELECT * FROM unnest(${orgRows.map((r) => r.organizationId)}::text[], ${orgRows.map((r) => r.period)}::text[],
            ${orgRows.map((r) => utc(r.start))}::timestamp(3)[], ${col(orgRows, "ok")}::int[], ${col(orgRows, "unauthorized")}::int[],
            ${col(orgRows, "forbidden")}::int[], ${col(orgRows, "rateLimited")}::int[], ${col(orgRows, "other")}::int[])
          ON CONFLICT ("organizationId", "period", "minute") DO UPDATE SET
            "ok" = "UsageOrgRollup"."ok" + EXCLUDED."ok",
            "unauthorized" = "UsageOrgRollup"."unauthorized" + EXCLUDED."unauthorized",
            "forbidden" = "UsageOrgRollup"."forbidden" + EXCLUDED."forbidden",
            "rateLimited" = "UsageOrgRollup"."rateLimited" + EXCLUDED."rateLimited",
            "other" = "UsageOrgRollup"."other" + EXCLUDED."other"`;
        this.statements++;
      }
    }
    if (lastUsed.length) {
      await db().$executeRaw`
        UPDATE "ApiKey" AS k SET "lastUsedAt" = v.t, "lastUsedIp" = v.ip, "lastUsedUserAgent" = v.ua
        FROM unnest(${lastUsed.map(([id]) => id)}::text[], ${lastUsed.map(([, u]) => utc(u.t))}::timestamp(3)[],
          ${lastUsed.map(([, u]) => u.ip)}::text[], ${lastUsed.map(([, u]) => u.userAgent)}::text[]) AS v(id, t, ip, ua)
        WHERE k."id" = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.t)`;
      this.statements++;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.flush();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    log().error("usage buffer: could not write the last usage counts before exit");
  }
}

interface Row {
  keyId: string;
  organizationId: string | null;
  period: "minute" | "hour" | "day";
  start: number;
  counts: Record<Outcome, number>;
}

const PERIODS = [
  ["minute", 60_000],
  ["hour", 3_600_000],
  ["day", 86_400_000],
] as const;

function addCounts(into: Bucket["counts"], from: Bucket["counts"]) {
  for (const o of OUTCOMES) into[o] += from[o];
}

/** Each minute bucket, and the hour and day buckets it adds to (merged where they coincide). */
function atEveryResolution(buckets: Bucket[]): Row[] {
  const rows = new Map<string, Row>();
  for (const b of buckets) {
    for (const [period, ms] of PERIODS) {
      const start = b.minute - (b.minute % ms);
      const id = `${b.keyId}|${period}|${start}`;
      const row = rows.get(id);
      if (!row) rows.set(id, { keyId: b.keyId, organizationId: b.organizationId, period, start, counts: { ...b.counts } });
      else addCounts(row.counts, b.counts);
    }
  }
  return [...rows.values()];
}

/** The organizations' totals per minute (root keys have none). */
function sumByOrganization(buckets: Bucket[]): Bucket[] {
  const sums = new Map<string, Bucket>();
  for (const b of buckets) {
    if (!b.organizationId) continue;
    const id = `${b.organizationId}|${b.minute}`;
    const sum = sums.get(id);
    if (!sum) sums.set(id, { keyId: b.organizationId, organizationId: b.organizationId, minute: b.minute, counts: { ...b.counts } });
    else addCounts(sum.counts, b.counts);
  }
  return [...sums.values()];
}

export function usageBuffer(): UsageBuffer {
  return processSingleton("usage-buffer", () => new UsageBuffer());
}
