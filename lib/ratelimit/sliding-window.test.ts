import { describe, expect, it } from "vitest";
import { EXACT_LOG_MAX, WindowCounter, windowFor, WindowLog } from "./sliding-window";

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

describe("sliding window counter (limits above EXACT_LOG_MAX)", () => {
  it("is what large limits get: two numbers, not a log as long as the limit", () => {
    expect(windowFor(EXACT_LOG_MAX)).toBeInstanceOf(WindowLog);
    expect(windowFor(EXACT_LOG_MAX + 1)).toBeInstanceOf(WindowCounter);
    expect(Object.keys(windowFor(1_000_000)).sort()).toEqual(["current", "limit", "previous", "start"]);
  });

  it("admits the limit within a minute and refuses the rest, saying until when", () => {
    const counter = new WindowCounter(2000);
    const start = 6_000_000; // a minute boundary
    const decisions = Array.from({ length: 3000 }, (_, i) => counter.check(start + i * 10)); // 30 s
    expect(decisions.filter((d) => d.allowed)).toHaveLength(2000);
    expect(decisions[0]).toMatchObject({ allowed: true, remaining: 1999, limit: 2000 });
    expect(decisions[2000]).toMatchObject({ allowed: false, remaining: 0, retryAfter: 40, reset: 6060 });
  });

  it("weighs last minute by how much of it is still in the window", () => {
    const counter = new WindowCounter(2000);
    for (let i = 0; i < 2000; i++) counter.check(6_000_000 + i); // last minute: full
    // A quarter into the next minute, three quarters of last minute still count: 1,500.
    const quarter = 6_060_000 + 15_000;
    const admitted = Array.from({ length: 1000 }, () => counter.check(quarter)).filter((d) => d.allowed);
    expect(admitted).toHaveLength(500);
  });

  it("evenly spread traffic at twice the limit is held to the limit per minute (within 1%)", () => {
    const counter = new WindowCounter(6000);
    let admitted = 0;
    // 12,000 requests a minute for five minutes; count the last three.
    for (let t = 0; t < 300_000; t += 5) {
      const allowed = counter.check(60_000_000 + t).allowed;
      if (t >= 120_000 && allowed) admitted++;
    }
    expect(Math.abs(admitted / 3 - 6000) / 6000).toBeLessThan(0.01);
  });
});
