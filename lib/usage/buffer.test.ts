import { describe, expect, it } from "vitest";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { createKeyInputSchema } from "../keys/schemas";
import { createKey } from "../keys/service";
import { usageBuffer } from "./buffer";

describe("usage buffer", () => {
  it("writes per-minute rollups by outcome and lastUsedAt in two statements", async () => {
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
    for (let i = 0; i < 1000; i++) buffer.record(key.id, organization.id, i % 10 === 0 ? "rateLimited" : "ok", t + i);
    buffer.record(key.id, organization.id, "unauthorized", t + 60_000);
    await buffer.flush();
    expect(buffer.statements - before).toBe(2);
    const rows = await db().usageRollup.findMany({ where: { keyId: key.id }, orderBy: { minute: "asc" } });
    expect(rows.map((r) => [r.minute.toISOString(), r.ok, r.rateLimited, r.unauthorized])).toEqual([
      ["2026-11-25T12:30:00.000Z", 900, 100, 0],
      ["2026-11-25T12:31:00.000Z", 0, 0, 1],
    ]);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.getTime()).toBe(t + 999);

    buffer.record(key.id, organization.id, "ok", t + 5);
    await buffer.flush();
    const again = await db().usageRollup.findFirstOrThrow({
      where: { keyId: key.id, minute: new Date(Date.UTC(2026, 10, 25, 12, 30)) },
    });
    expect(again.ok).toBe(901);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt?.getTime()).toBe(t + 999);
  });
});
