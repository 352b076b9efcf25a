import { describe, expect, it } from "vitest";
import { gcra } from "./gcra";

function run(limit: number, times: number[]) {
  let tat: number | undefined;
  return times.map((now) => {
    const r = gcra(tat, now, limit);
    tat = r.tat;
    return r.decision;
  });
}

describe("GCRA", () => {
  it("admits a burst of exactly the limit, then refuses with a wait", () => {
    const decisions = run(100, Array(150).fill(0));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect(decisions[99]).toMatchObject({ allowed: true, remaining: 0 });
    expect(decisions[100]).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 });
    expect(decisions[0].remaining).toBe(99);
  });

  it("refills at limit per minute", () => {
    const burst = run(60, [...Array(60).fill(0), 500, 1000, 2000]);
    expect(burst.slice(60).map((d) => d.allowed)).toEqual([false, true, true]);
  });

  it("reports the reset as unix seconds when the full limit is back", () => {
    const [d] = run(10, [1_700_000_000_000]);
    expect(d.reset).toBe(1_700_000_006);
  });
});
