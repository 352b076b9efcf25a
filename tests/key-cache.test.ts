// The verification cache: a busy key is read again before its entry expires, without making
// a request wait; a read that raced a change announcement is not kept.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../lib/db/client";
import { publishKeyChanges } from "../lib/events/key-changes";
import { hashKey } from "../lib/keys/format";
import { verifyKey } from "../lib/verify/verify";
import { issueKey } from "./helpers/keys";

afterEach(() => vi.restoreAllMocks());

/** Resolves once the key's record in the cache shows `scope` (the background read landed). */
async function until(raw: string, scope: string) {
  for (let i = 0; i < 200; i++) {
    const result = verifyKey(raw);
    if (!(result instanceof Promise) && result.key?.scopes.includes(scope)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the record never showed ${scope}`);
}

describe("the verification cache", () => {
  it("answers a busy key from memory while reading it again in the background, then uses what it read", async () => {
    const { raw, key } = await issueKey({ scopes: ["memories:read"] });
    expect(await verifyKey(raw)).toMatchObject({ code: "VALID" }); // loaded
    const warm = verifyKey(raw);
    expect(warm).not.toBeInstanceOf(Promise);

    // Changed behind the cache's back (no announcement): only a fresh read can see it.
    await db().apiKey.update({ where: { id: key.id }, data: { scopes: ["memories:read", "memories:write"] } });
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + 50_000); // the record is 50 s old

    const stale = verifyKey(raw, { scopes: ["memories:write"] });
    expect(stale).not.toBeInstanceOf(Promise); // nobody waits for the database
    expect(stale).toMatchObject({ code: "FORBIDDEN" }); // still the record it had
    await until(raw, "memories:write");
    expect(verifyKey(raw, { scopes: ["memories:write"] })).toMatchObject({ code: "VALID" });
  });

  it("does not keep a read that began before a change was announced", async () => {
    const { raw, key } = await issueKey({ scopes: ["memories:read"] });
    const loading = verifyKey(raw); // a cold read, on its way
    expect(loading).toBeInstanceOf(Promise);
    publishKeyChanges([hashKey(raw)]); // a change announced while the read is still out
    expect(await loading).toMatchObject({ code: "VALID" }); // that request is answered from what it read
    // But the read is not kept: it may predate the change. A later change the cache is not
    // told of shows that the next request reads again.
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const next = verifyKey(raw);
    expect(next).toBeInstanceOf(Promise);
    expect(await next).toMatchObject({ code: "KEY_REVOKED" });
  });
});
