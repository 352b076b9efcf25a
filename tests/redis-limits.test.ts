// Shared limits in Redis: exact for small limits, constant memory for large ones.
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { requireRedis } from "./helpers/instances";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const hasRedis = await requireRedis(REDIS_URL);
process.env.REDIS_URL = REDIS_URL;
const { limiter, Limiter } = await import("../lib/ratelimit/limiter");
const { SHARE, SYNC_MS } = await import("../lib/ratelimit/shared-counters");
const { redis } = await import("../lib/redis/client");
const direct = new Redis(REDIS_URL);

afterAll(() => {
  redis()?.disconnect();
  direct.disconnect();
});

async function ready() {
  const end = Date.now() + 5000;
  while (redis()?.status !== "ready") {
    if (Date.now() > end) throw new Error("Redis did not connect");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Bytes Redis holds for one limited key (all its keys). */
async function bytesOf(key: string): Promise<number> {
  const names = [...(await direct.keys(`kh:rl:${key}`)), ...(await direct.keys(`kh:rlc:${key}:*`))];
  let total = 0;
  for (const name of names) total += Number(await direct.memory("USAGE", name));
  return total;
}

/** Every instance's admissions of a large limit, as Redis holds them (this minute and the last). */
async function countIn(key: string): Promise<number> {
  const names = await direct.keys(`kh:rlc:${key}:*`);
  const counts = await Promise.all(names.map((n) => direct.get(n)));
  return counts.reduce((sum, n) => sum + Number(n), 0);
}

/** `read()` once `done` holds of it, or its last value after a second. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const end = Date.now() + 1000;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}

describe.runIf(hasRedis)("rate limits in Redis", () => {
  it("a root key's 1,000,000/min limit holds two counters, not a member per request", async () => {
    await ready();
    const key = `root-${Date.now()}`;
    const decisions = [];
    for (let i = 0; i < 3000; i++) decisions.push(limiter().check(key, 1_000_000));
    const all = await Promise.all(decisions);
    expect(all.every((d) => d.allowed)).toBe(true);
    expect(all.at(-1)!.remaining).toBeLessThanOrEqual(1_000_000 - 3000);
    // Counted here, then added to Redis's counter within a sync.
    expect(
      await eventually(
        () => countIn(key),
        (n) => n === 3000,
      ),
    ).toBe(3000);
    const bytes = await bytesOf(key);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(1024);
  });

  it("a limit of 1,000 stays an exact log, within 1 MB when full", async () => {
    await ready();
    const key = `pro-${Date.now()}`;
    const all = await Promise.all(Array.from({ length: 1200 }, () => limiter().check(key, 1000)));
    expect(all.filter((d) => d.allowed)).toHaveLength(1000);
    const bytes = await bytesOf(key);
    expect(bytes).toBeLessThan(1024 * 1024);
    console.log(`Redis memory of a full 1,000/min log: ${(bytes / 1024).toFixed(1)} KiB`);
  });

  it("the counter admits a large limit exactly when the burst is within one minute", async () => {
    await ready();
    const key = `burst-${Date.now()}`;
    const all = await Promise.all(Array.from({ length: 2500 }, () => limiter().check(key, 2000)));
    // Unless the burst straddled a minute boundary (then last minute's part is weighed in).
    const admitted = all.filter((d) => d.allowed).length;
    expect(admitted).toBeLessThanOrEqual(2000);
    expect(admitted).toBeGreaterThan(1900);
  });

  it("checks of different keys and kinds sent together each get their own verdict", async () => {
    await ready();
    const stamp = Date.now();
    // Interleaved in one turn: one script carries them all, in this order.
    const keys = [
      { key: `small-${stamp}`, limit: 3 },
      { key: `large-${stamp}`, limit: 5000 },
      { key: `tiny-${stamp}`, limit: 1 },
    ];
    const checks = Array.from({ length: 10 }, () => keys.map(({ key, limit }) => limiter().check(key, limit)));
    const verdicts = await Promise.all(checks.flat());
    const of = (i: number) => verdicts.filter((_, n) => n % 3 === i);
    expect(of(0).map((d) => d.allowed)).toEqual([true, true, true, ...Array(7).fill(false)]);
    expect(of(0).map((d) => d.remaining)).toEqual([2, 1, 0, ...Array(7).fill(0)]);
    expect(of(0)[3].retryAfter).toBeGreaterThanOrEqual(59);
    expect(of(1).every((d) => d.allowed && d.limit === 5000)).toBe(true);
    expect(of(1).at(-1)!.remaining).toBe(4990);
    expect(of(2).map((d) => d.allowed)).toEqual([true, ...Array(9).fill(false)]);
    expect(await direct.zcard(`kh:rl:small-${stamp}`)).toBe(3);
  });

  it("a daily quota counted along with per-minute checks admits exactly its limit and expires after the day", async () => {
    await ready();
    const org = `org-${Date.now()}`;
    const verdicts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => [limiter().countDaily(org, 3), limiter().check(`${org}-key-${i}`, 10)]).flat(),
    );
    expect(verdicts.filter((_, n) => n % 2 === 0)).toEqual([true, true, true, false, false]);
    const [name] = await direct.keys(`kh:quota:${org}:*`);
    expect(await direct.get(name)).toBe("5");
    const ttl = await direct.pttl(name);
    expect(ttl).toBeGreaterThan(86_400_000);
    expect(ttl).toBeLessThanOrEqual(90_000_000);
  });

  // Two limiters stand for two instances: each counts on its own and syncs through Redis.
  it("a large limit shared by two instances: a burst split over both overshoots by at most their two shares", async () => {
    await ready();
    const key = `shared-${Date.now()}`;
    const [a, b] = [new Limiter(), new Limiter()];
    const all = await Promise.all(Array.from({ length: 7000 }, (_, i) => (i % 2 ? a : b).check(key, 5000)));
    const admitted = all.filter((d) => d.allowed).length;
    // Unless the burst straddled a minute boundary (then last minute's part is weighed in).
    expect(admitted).toBeGreaterThan(4900);
    expect(admitted).toBeLessThanOrEqual(5000 * (1 + 2 * SHARE));
    expect(
      await eventually(
        () => countIn(key),
        (n) => n === admitted,
      ),
    ).toBe(admitted);
  });

  it("what one instance admits counts against the other's next verdicts within a sync", async () => {
    await ready();
    const key = `seen-${Date.now()}`;
    const [a, b] = [new Limiter(), new Limiter()];
    expect((await b.check(key, 100_000)).remaining).toBe(99_999);
    await Promise.all(Array.from({ length: 800 }, () => a.check(key, 100_000)));
    await new Promise((r) => setTimeout(r, 3 * SYNC_MS));
    // b's view is refreshed by its own next sync: a second check after it sees a's 800.
    await b.check(key, 100_000);
    await new Promise((r) => setTimeout(r, 3 * SYNC_MS));
    const seen = await b.check(key, 100_000);
    // 803 before it, fewer should a minute have begun since (last minute's counts weigh less).
    expect(seen.remaining).toBeLessThan(100_000 - 700);
    expect(seen.remaining).toBeGreaterThan(100_000 - 900);
  });
});
