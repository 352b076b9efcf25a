// Shared limits in Redis: exact for small limits, constant memory for large ones.
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { requireRedis } from "./helpers/instances";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const hasRedis = await requireRedis(REDIS_URL);
process.env.REDIS_URL = REDIS_URL;
const { limiter } = await import("../lib/ratelimit/limiter");
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

describe.runIf(hasRedis)("rate limits in Redis", () => {
  it("a root key's 1,000,000/min limit holds two counters, not a member per request", async () => {
    await ready();
    const key = `root-${Date.now()}`;
    const decisions = [];
    for (let i = 0; i < 3000; i++) decisions.push(limiter().check(key, 1_000_000));
    const all = await Promise.all(decisions);
    expect(all.every((d) => d.allowed)).toBe(true);
    expect(all.at(-1)!.remaining).toBeLessThanOrEqual(1_000_000 - 3000);
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
});
