import { describe, expect, it } from "vitest";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { createKeyInputSchema } from "../keys/schemas";
import { createKey } from "../keys/service";
import { usageBuffer } from "./buffer";
import { applyUsageRetention } from "./retention";
import { checkRange, chooseGranularity, getSparklinesForOrg, getTopKeysForOrg, getUsageSeriesForOrg } from "./series";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function orgWithKey(name = "k") {
  const { user, organization } = await createMember();
  const org = { id: organization.id, plan: "FREE" as const };
  const { key } = await createKey(org, createKeyInputSchema.parse({ name }), { type: "user", id: user.id, label: user.email, role: "OWNER" });
  return { organization, key, org, user };
}

describe("usage series", () => {
  it("chooses the finest granularity that draws the range in at most 200 points", () => {
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    expect(chooseGranularity(ago(2 * HOUR), new Date(now), now)).toBe("minute");
    expect(chooseGranularity(ago(DAY), new Date(now), now)).toBe("hour");
    expect(chooseGranularity(ago(7 * DAY), new Date(now), now)).toBe("hour");
    expect(chooseGranularity(ago(30 * DAY), new Date(now), now)).toBe("day");
  });

  it("explains ranges it cannot answer", () => {
    const now = Date.now();
    const bad = (f: Parameters<typeof checkRange>[0]) => {
      try {
        checkRange(f, now);
      } catch (err) {
        return err instanceof DomainError ? err.message : "other";
      }
      return "accepted";
    };
    expect(bad({ from: new Date(now), to: new Date(now - HOUR) })).toMatch(/before/);
    expect(bad({ from: new Date("nonsense"), to: new Date(now) })).toMatch(/valid date/);
    expect(bad({ from: new Date(now - 100 * DAY), to: new Date(now) })).toMatch(/at most 90 days/);
    expect(bad({ from: new Date(now - 3 * DAY), to: new Date(now), granularity: "minute" })).toMatch(/kept for 48 hours/);
  });

  it("sums by outcome per bucket with gaps filled, per organization, per key, and per environment", async () => {
    const { organization, key, org, user } = await orgWithKey();
    const { key: test } = await createKey(org, createKeyInputSchema.parse({ name: "t", environment: "test" }), {
      type: "user",
      id: user.id,
      label: user.email,
      role: "OWNER",
    });
    const now = Date.now();
    const hourAgo = now - HOUR;
    const buffer = usageBuffer();
    for (let i = 0; i < 3; i++) buffer.record(key.id, organization.id, "ok", {}, hourAgo);
    buffer.record(key.id, organization.id, "forbidden", {}, hourAgo);
    buffer.record(test.id, organization.id, "rateLimited", {}, now);
    await buffer.flush();
    const range = { from: new Date(now - DAY), to: new Date(now + 1) };

    const all = await getUsageSeriesForOrg(organization.id, range);
    expect(all.granularity).toBe("hour");
    expect(all.points.length).toBeGreaterThanOrEqual(24);
    const sum = (pts: typeof all.points, k: "ok" | "forbidden" | "rateLimited") => pts.reduce((n, p) => n + p[k], 0);
    expect([sum(all.points, "ok"), sum(all.points, "forbidden"), sum(all.points, "rateLimited")]).toEqual([3, 1, 1]);

    const one = await getUsageSeriesForOrg(organization.id, { ...range, keyId: key.id });
    expect([sum(one.points, "ok"), sum(one.points, "rateLimited")]).toEqual([3, 0]);
    const testOnly = await getUsageSeriesForOrg(organization.id, { ...range, environment: "test" });
    expect([sum(testOnly.points, "ok"), sum(testOnly.points, "rateLimited")]).toEqual([0, 1]);

    const top = await getTopKeysForOrg(organization.id, range);
    expect(top.map((t) => [t.name, t.requests, t.errors])).toEqual([
      ["k", 4, 1],
      ["t", 1, 1],
    ]);
    const sparks = await getSparklinesForOrg(organization.id, [key.id, test.id]);
    expect(sparks.get(key.id)!.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("answers another organization's key id like an unknown one", async () => {
    const mine = await orgWithKey();
    const theirs = await orgWithKey();
    const range = { from: new Date(Date.now() - DAY), to: new Date() };
    await expect(getUsageSeriesForOrg(mine.organization.id, { ...range, keyId: theirs.key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getUsageSeriesForOrg(mine.organization.id, { ...range, keyId: "unknown" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retention drops minute rows after 48 hours and hour rows after 35 days, keeping the coarser ones", async () => {
    const { organization, key } = await orgWithKey();
    const now = Date.now();
    const buffer = usageBuffer();
    buffer.record(key.id, organization.id, "ok", {}, now - 3 * DAY);
    buffer.record(key.id, organization.id, "ok", {}, now - 40 * DAY);
    await buffer.flush();
    const periods = async () =>
      (await db().usageRollup.findMany({ where: { keyId: key.id }, orderBy: { minute: "asc" } })).map((r) => r.period).sort();
    expect(await periods()).toEqual(["day", "day", "hour", "hour", "minute", "minute"]);
    expect((await applyUsageRetention(now)).ran).toBe(true);
    expect(await periods()).toEqual(["day", "day", "hour"]);
    // The 30-day chart still has the request of 3 days ago, at day resolution.
    const { points } = await getUsageSeriesForOrg(organization.id, { from: new Date(now - 30 * DAY), to: new Date(now) });
    expect(points.reduce((n, p) => n + p.ok, 0)).toBe(1);
  });
});
