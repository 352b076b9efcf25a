import { describe, expect, it } from "vitest";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { createKeyInputSchema } from "../keys/schemas";
import { createKey } from "../keys/service";
import { usageBuffer } from "./buffer";

describe("usage buffer", () => {
  it("writes rollups per key and per organization at three resolutions, and the last use, in three statements", async () => {
    const { user, organization } = await createMember();
    const { key } = await createKey({ id: organization.id, plan: "FREE" }, createKeyInputSchema.parse({ name: "k" }), {
      type: "user",
      id: user.id,
      label: user.email,
      role: "OWNER",
    });
    const buffer = usageBuffer();
    await buffer.flush();
    const before = buffer.statements;
    const t = Date.UTC(2026, 10, 25, 12, 30, 15);
    const client = { ip: "203.0.113.7", userAgent: "mem0-client/1.0" };
    for (let i = 0; i < 1000; i++) buffer.record(key.id, organization.id, i % 10 === 0 ? "rateLimited" : "ok", client, t + i);
    buffer.record(key.id, organization.id, "unauthorized", {}, t + 60_000);
    await buffer.flush();
    expect(buffer.statements - before).toBe(3);
    const rows = await db().usageRollup.findMany({ where: { keyId: key.id }, orderBy: [{ period: "asc" }, { minute: "asc" }] });
    expect(rows.map((r) => [r.period, r.minute.toISOString(), r.ok, r.rateLimited, r.unauthorized])).toEqual([
      ["day", "2026-11-25T00:00:00.000Z", 900, 100, 1],
      ["hour", "2026-11-25T12:00:00.000Z", 900, 100, 1],
      ["minute", "2026-11-25T12:30:00.000Z", 900, 100, 0],
      ["minute", "2026-11-25T12:31:00.000Z", 0, 0, 1],
    ]);
    const org = await db().usageOrgRollup.findMany({ where: { organizationId: organization.id }, orderBy: [{ period: "asc" }, { minute: "asc" }] });
    expect(org.map((r) => [r.period, r.ok, r.unauthorized])).toEqual([
      ["day", 900, 1],
      ["hour", 900, 1],
      ["minute", 900, 0],
      ["minute", 0, 1],
    ]);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.lastUsedAt?.getTime()).toBe(t + 999);
    expect([stored.lastUsedIp, stored.lastUsedUserAgent]).toEqual(["203.0.113.7", "mem0-client/1.0"]);

    buffer.record(key.id, organization.id, "ok", client, t + 5);
    await buffer.flush();
    const again = await db().usageRollup.findFirstOrThrow({
      where: { keyId: key.id, period: "minute", minute: new Date(Date.UTC(2026, 10, 25, 12, 30)) },
    });
    expect(again.ok).toBe(901);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.getTime()).toBe(t + 999);
  });
});
