import { describe, expect, it } from "vitest";
import { WindowLog } from "./sliding-window";

describe("sliding window log", () => {
  it("admits exactly the limit within a minute, however the burst is spread", () => {
    const log = new WindowLog(100);
    const decisions = Array.from({ length: 200 }, (_, i) => log.check(1_000_000 + i * 250)); // 50 s
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[0]).toMatchObject({ remaining: 99, limit: 100 });
    expect(decisions[99]).toMatchObject({ allowed: true, remaining: 0 });
    expect(decisions[100]).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("frees a slot when the oldest admission leaves the window, and says when", () => {
    const log = new WindowLog(2);
    log.check(0);
    log.check(10_000);
    const refused = log.check(30_000);
    expect(refused).toMatchObject({ allowed: false, retryAfter: 30, reset: 60 });
    expect(log.check(60_000).allowed).toBe(true);
    expect(log.check(60_001).allowed).toBe(false);
    expect(log.check(70_000).allowed).toBe(true);
  });

  it("knows when it is idle", () => {
    const log = new WindowLog(5);
    log.check(0);
    expect(log.idle(59_999)).toBe(false);
    expect(log.idle(60_000)).toBe(true);
  });
});
