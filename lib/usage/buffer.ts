import { db } from "../db/client";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { onShutdown } from "../server/shutdown";

// Every verification is counted here, in memory, and written in batches: per key per
// minute rollups by outcome, and lastUsedAt. One flush is two statements, whatever the
// traffic: no database write per request. At most about a second behind; flushed on shutdown.

export type Outcome = "ok" | "unauthorized" | "forbidden" | "rateLimited" | "other";
const OUTCOMES: Outcome[] = ["ok", "unauthorized", "forbidden", "rateLimited", "other"];

interface Bucket {
  keyId: string;
  organizationId: string | null;
  minute: number;
  counts: Record<Outcome, number>;
}

const FLUSH_INTERVAL_MS = 1000;

class UsageBuffer {
  private buckets = new Map<string, Bucket>();
  private lastUsed = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** Statements written so far (benchmarks report writes per verification). */
  statements = 0;

  record(keyId: string, organizationId: string | null, outcome: Outcome, now = Date.now()): void {
    const minute = now - (now % 60_000);
    const id = `${keyId}|${minute}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { keyId, organizationId, minute, counts: { ok: 0, unauthorized: 0, forbidden: 0, rateLimited: 0, other: 0 } };
      this.buckets.set(id, bucket);
    }
    bucket.counts[outcome]++;
    if (outcome === "ok" && (this.lastUsed.get(keyId) ?? 0) < now) this.lastUsed.set(keyId, now);
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
    const buckets = [...this.buckets.values()];
    const lastUsed = [...this.lastUsed.entries()];
    this.buckets = new Map();
    this.lastUsed = new Map();
    this.flushing = this.write(buckets, lastUsed)
      .catch((err) => {
        for (const b of buckets) this.merge(b);
        for (const [k, t] of lastUsed) if ((this.lastUsed.get(k) ?? 0) < t) this.lastUsed.set(k, t);
        throw err;
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private merge(b: Bucket) {
    const id = `${b.keyId}|${b.minute}`;
    const existing = this.buckets.get(id);
    if (!existing) this.buckets.set(id, b);
    else for (const o of OUTCOMES) existing.counts[o] += b.counts[o];
  }

  private async write(buckets: Bucket[], lastUsed: [string, number][]) {
    // Prisma stores DateTime as UTC "timestamp(3)"; pass UTC text so no time zone applies.
    const utc = (ms: number) => new Date(ms).toISOString().slice(0, 23);
    if (buckets.length) {
      const col = (o: Outcome) => buckets.map((b) => b.counts[o]);
      await db().$executeRaw`
        INSERT INTO "UsageRollup" ("keyId", "organizationId", "minute", "ok", "unauthorized", "forbidden", "rateLimited", "other")
        SELECT * FROM unnest(${buckets.map((b) => b.keyId)}::text[], ${buckets.map((b) => b.organizationId)}::text[],
          ${buckets.map((b) => utc(b.minute))}::timestamp(3)[], ${col("ok")}::int[], ${col("unauthorized")}::int[],
          ${col("forbidden")}::int[], ${col("rateLimited")}::int[], ${col("other")}::int[])
        ON CONFLICT ("keyId", "minute") DO UPDATE SET
          "ok" = "UsageRollup"."ok" + EXCLUDED."ok",
          "unauthorized" = "UsageRollup"."unauthorized" + EXCLUDED."unauthorized",
          "forbidden" = "UsageRollup"."forbidden" + EXCLUDED."forbidden",
          "rateLimited" = "UsageRollup"."rateLimited" + EXCLUDED."rateLimited",
          "other" = "UsageRollup"."other" + EXCLUDED."other"`;
      this.statements++;
    }
    if (lastUsed.length) {
      await db().$executeRaw`
        UPDATE "ApiKey" AS k SET "lastUsedAt" = v.t
        FROM unnest(${lastUsed.map(([id]) => id)}::text[], ${lastUsed.map(([, t]) => utc(t))}::timestamp(3)[]) AS v(id, t)
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

export function usageBuffer(): UsageBuffer {
  return processSingleton("usage-buffer", () => new UsageBuffer());
}
