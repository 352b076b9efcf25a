import Redis from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { requireRedis } from "./helpers/instances";
import { startTcpProxy } from "./helpers/tcp-proxy";

const REDIS = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const hasRedis = await requireRedis(REDIS.toString());
const proxy = hasRedis ? await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) }) : undefined;
if (proxy) process.env.REDIS_URL = `redis://127.0.0.1:${proxy.port}`;
const { limiter } = await import("../lib/ratelimit/limiter");
const { redis } = await import("../lib/redis/client");
const { log } = await import("../lib/log");

afterAll(async () => {
  redis()?.disconnect();
  await proxy?.close();
});

async function until(condition: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(hasRedis)("rate limits when Redis goes away", () => {
  it("falls back to memory, says so once, and returns to Redis when it is back", async () => {
    const direct = new Redis(REDIS.toString());
    const key = `fallback-${Date.now()}`;
    const warnings = vi.spyOn(log(), "warn").mockImplementation(() => {});
    const notes = vi.spyOn(log(), "info").mockImplementation(() => {});
    await until(() => redis()!.status === "ready");

    expect((await limiter().check(key, 5)).allowed).toBe(true);
    expect(await direct.zcard(`kh:rl:${key}`)).toBe(1);

    proxy!.cut();
    await until(() => redis()!.status !== "ready");
    for (let i = 0; i < 3; i++) expect((await limiter().check(key, 5)).allowed).toBe(true);
    expect(warnings.mock.calls.filter(([m]) => String(m).startsWith("Redis unavailable"))).toHaveLength(1);

    proxy!.restore();
    await until(() => redis()!.status === "ready", 10_000);
    expect((await limiter().check(key, 5)).allowed).toBe(true);
    expect(await direct.zcard(`kh:rl:${key}`)).toBe(2);
    expect(notes.mock.calls.some(([m]) => String(m).startsWith("Redis is back"))).toBe(true);
    direct.disconnect();
    warnings.mockRestore();
    notes.mockRestore();
  });

  it("a large limit's counter falls back to memory too, and counts in Redis again once it is back", async () => {
    const direct = new Redis(REDIS.toString());
    const key = `fallback-large-${Date.now()}`;
    const counted = async () =>
      (await Promise.all((await direct.keys(`kh:rlc:${key}:*`)).map((n) => direct.get(n)))).reduce((a, n) => a + Number(n), 0);
    const warnings = vi.spyOn(log(), "warn").mockImplementation(() => {});
    const notes = vi.spyOn(log(), "info").mockImplementation(() => {});
    await until(() => redis()!.status === "ready");
    expect((await limiter().check(key, 5000)).allowed).toBe(true);
    await until(async () => (await counted()) === 1);

    proxy!.cut();
    await until(() => redis()!.status !== "ready");
    // More than one instance's share between syncs (50), so checks wait for a sync that fails.
    const verdicts = await Promise.all(Array.from({ length: 120 }, () => limiter().check(key, 5000)));
    expect(verdicts.every((d) => d.allowed)).toBe(true);
    expect(warnings.mock.calls.filter(([m]) => String(m).startsWith("Redis unavailable"))).toHaveLength(1);

    proxy!.restore();
    await until(() => redis()!.status === "ready", 10_000);
    expect((await limiter().check(key, 5000)).allowed).toBe(true);
    await until(async () => (await counted()) === 2);
    expect(notes.mock.calls.some(([m]) => String(m).startsWith("Redis is back"))).toBe(true);
    direct.disconnect();
    warnings.mockRestore();
    notes.mockRestore();
  });
});
