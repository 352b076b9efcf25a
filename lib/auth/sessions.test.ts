import { describe, expect, it } from "vitest";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { createSession, endAllSessions, endSession, findSessionUser } from "./sessions";

describe("server-side sessions", () => {
  it("a session ends for good when signed out", async () => {
    const { user } = await createMember();
    const token = await createSession(user.id);
    expect((await findSessionUser(token))?.id).toBe(user.id);
    await endSession(token);
    expect(await findSessionUser(token)).toBeNull();
  });

  it("expires 12 hours after sign-in", async () => {
    const { user } = await createMember();
    const token = await createSession(user.id);
    const row = await db().session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(row.expires.getTime() - row.createdAt.getTime()).toBeGreaterThan(12 * 3600 * 1000 - 5000);
    expect(row.expires.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(12 * 3600 * 1000 + 5000);
    await db().session.update({ where: { sessionToken: token }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(token)).toBeNull();
  });

  it("ending all sessions of a user ends each of them", async () => {
    const { user } = await createMember();
    const tokens = [await createSession(user.id), await createSession(user.id)];
    expect(await endAllSessions(user.id)).toBe(2);
    for (const t of tokens) expect(await findSessionUser(t)).toBeNull();
  });
});
