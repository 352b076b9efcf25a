import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { recordAudit } from "./record";

describe("audit trail", () => {
  it("appends events and refuses to update or delete them", async () => {
    const action = `test.${Date.now()}`;
    await recordAudit({ actor: { type: "cli", label: "cli" }, action, context: { ip: "127.0.0.1", userAgent: "vitest" } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action } });
    expect(event).toMatchObject({ actorType: "cli", ip: "127.0.0.1", userAgent: "vitest" });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    expect(await db().auditEvent.findUnique({ where: { id: event.id } })).toMatchObject({ action });
  });
});
