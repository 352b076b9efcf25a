// The verification cache: a busy key is read again before its entry expires, without making
// a request wait; a read that raced a change announcement is not kept.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../lib/db/client";
import { publishKeyChanges } from "../lib/events/key-changes";
import { generateKey, hashKey } from "../lib/keys/format";
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
    const loading = verifyKey(raw); // a cold read: sent at the end of this turn (one query for the turn's misses)
    expect(loading).toBeInstanceOf(Promise);
    await new Promise((resolve) => setImmediate(resolve)); // now on its way
    publishKeyChanges([hashKey(raw)]); // a change announced while the read is still out
    expect(await loading).toMatchObject({ code: "VALID" }); // that request is answered from what it read
    // But the read is not kept: it may predate the change. A later change the cache is not
    // told of shows that the next request reads again.
    await db().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const next = verifyKey(raw);
    expect(next).toBeInstanceOf(Promise);
    expect(await next).toMatchObject({ code: "KEY_REVOKED" });
  });

  // A gateway's busy keys come due for their refresh together: one query for all of them,
  // not one per key (whose JavaScript held the event loop for tens of milliseconds).
  it("reads the keys missed in one turn in one query, unknown ones among them", async () => {
    const issued = await Promise.all(Array.from({ length: 12 }, () => issueKey({ scopes: ["memories:read"] })));
    const reads = vi.spyOn(db().apiKey, "findMany");
    const unknown = generateKey("live"); // a key's shape and checksum, but never issued
    const results = await Promise.all([...issued.map((k) => verifyKey(k.raw)), verifyKey(unknown)]);
    expect(results.map((r) => r.code)).toEqual([...issued.map(() => "VALID"), "UNAUTHORIZED"]);
    expect(results.slice(0, 12).map((r) => r.key?.id)).toEqual(issued.map((k) => k.key.id));
    expect(reads).toHaveBeenCalledTimes(1);
    expect((reads.mock.calls[0][0] as { where: { hash: { in: string[] } } }).where.hash.in).toHaveLength(13);
    // Now cached: answered without the database.
    for (const k of issued) expect(verifyKey(k.raw)).toMatchObject({ code: "VALID" });
    expect(reads).toHaveBeenCalledTimes(1);
  });

  // Keys read together come due together: their background reads, spread over several turns
  // as requests for them come in, wait briefly for one another and go as one query (a query
  // each would also open the pool's idle connections at once).
  it("gathers the background reads of keys that come due together into one query", async () => {
    const issued = await Promise.all(Array.from({ length: 5 }, () => issueKey({ scopes: ["memories:read"] })));
    await Promise.all(issued.map((k) => verifyKey(k.raw))); // loaded
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + 50_000); // all 50 s old: due
    const reads = vi.spyOn(db().apiKey, "findMany");
    for (const k of issued) {
      expect(verifyKey(k.raw)).toMatchObject({ code: "VALID" }); // answered from memory at once
      await new Promise((resolve) => setImmediate(resolve)); // the next one in a later turn
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads).toHaveBeenCalledTimes(1);
    expect((reads.mock.calls[0][0] as { where: { hash: { in: string[] } } }).where.hash.in).toHaveLength(5);
  });
});
