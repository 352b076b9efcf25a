// Named limits (several per key, each with a cost per request) and identities (an end
// customer's keys, sharing limits and credits), over real sockets. Exactness across
// instances: tests/multi-instance.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { emitKeyChange } from "../lib/events/key-changes";
import { hashKey } from "../lib/keys/format";
import { callApi, startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";
import { createMember, unique } from "./helpers/factory";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, updateKey, type KeyActor } from "../lib/keys/service";

let api: Awaited<ReturnType<typeof startApiServer>>;
let root: string;
beforeAll(async () => {
  api = await startApiServer();
  root = (await issueRootKey()).rawKey;
});
afterAll(() => api.close());

const call = (path: string, key: string, init: { method?: string; body?: unknown } = {}) => callApi(api.base, path, key, init);

const verify = (key: string, extra: object = {}) => call("/keys/verify", root, { body: { key, ...extra } });

/** An admin key of a fresh organization and the id of a second key there to configure. */
async function adminAndKey() {
  const admin = await issueKey({ scopes: ["admin", "memories:read"], plan: "ENTERPRISE" });
  return admin;
}

describe("named limits", () => {
  it("are set with PATCH, charged together with their costs, and reported by verify", async () => {
    const { raw } = await adminAndKey();
    const me = (await call("/ping", raw)).body.data.keyId as string;
    const set = await call(`/keys/${me}`, raw, {
      method: "PATCH",
      body: {
        limits: [
          { name: "requests", limit: 3, window: "day" },
          { name: "tokens", limit: 1000, window: "day" },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.data.limits).toEqual([
      { name: "requests", limit: 3, window: "day" },
      { name: "tokens", limit: 1000, window: "day" },
    ]);
    const first = await verify(raw, { limits: { tokens: 600 } });
    expect(first.body.data).toMatchObject({ valid: true, code: "VALID" });
    const endOfDay = Math.ceil((Date.now() - (Date.now() % 86_400_000) + 86_400_000) / 1000);
    expect(first.body.data.limits).toEqual([
      { name: "requests", limit: 3, window: "day", remaining: 2, reset: endOfDay, shared: false },
      { name: "tokens", limit: 1000, window: "day", remaining: 400, reset: endOfDay, shared: false },
    ]);
    // 500 tokens do not fit in the 400 left: refused, and neither limit is charged.
    const refused = await verify(raw, { limits: { tokens: 500 } });
    expect(refused.body.data).toMatchObject({ valid: false, code: "RATE_LIMITED" });
    expect(refused.body.data.limits.map((l: { remaining: number }) => l.remaining)).toEqual([2, 400]);
    // Cost 0 leaves a limit alone; an unnamed limit costs 1.
    expect((await verify(raw, { limits: { tokens: 0 } })).body.data.limits.map((l: { remaining: number }) => l.remaining)).toEqual([1, 400]);
    // The keyed routes charge 1 of each; the third request of the day is the last.
    expect((await call("/ping", raw)).status).toBe(200);
    const limited = await call("/ping", raw);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: "RATE_LIMITED", message: 'Rate limit exceeded: "requests" allows 3 per day' });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = await db().auditEvent.findFirst({ where: { targetId: me, action: "key.updated" } });
    expect(audit?.metadata).toMatchObject({ changes: { limits: { from: [], to: [{ name: "requests" }, { name: "tokens" }] } } });
  });

  it("200 concurrent verifications costing 5 against a limit of 500 admit exactly 100", async () => {
    const { raw, key, org, actor } = await issueKey({ plan: "ENTERPRISE" });
    const { updateKey } = await import("../lib/keys/service");
    await updateKey(org, key.id, { limits: [{ name: "tokens", limit: 500, window: "day" }] }, actor);
    const answers = await Promise.all(Array.from({ length: 200 }, () => verify(raw, { limits: { tokens: 5 } })));
    expect(answers.filter((a) => a.body.data.valid)).toHaveLength(100);
    expect(answers.filter((a) => a.body.data.code === "RATE_LIMITED")).toHaveLength(100);
  });

  it("a limit named like an Object.prototype member is refused, and one stored earlier is enforced (L4)", async () => {
    const { raw, key } = await adminAndKey();
    const refused = await call(`/keys/${key.id}`, raw, { method: "PATCH", body: { limits: [{ name: "constructor", limit: 2, window: "day" }] } });
    expect(refused.body.error).toEqual({ code: "BAD_REQUEST", message: `Invalid body field 'limits.0.name': "constructor" is a reserved name: choose another.` });
    // Written before the fix.
    await db().apiKey.update({ where: { id: key.id }, data: { limits: [{ name: "constructor", limit: 2, window: "day" }] } });
    emitKeyChange({ hashes: [hashKey(raw)] });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await verify(raw, { limits: { tokens: 1 } })).body.data);
    expect(answers.map((a) => [a.code, a.limits[0].remaining])).toEqual([["VALID", 1], ["VALID", 0], ["RATE_LIMITED", 0]]);
  });

  it("bad input: a malformed limit, a name twice, a cost beyond the whole limit are 400s naming the field", async () => {
    const { raw } = await adminAndKey();
    const me = (await call("/ping", raw)).body.data.keyId as string;
    const cases: [unknown, string][] = [
      [{ limits: [{ name: "Tokens", limit: 5, window: "day" }] }, "Invalid body field 'limits.0.name': A limit's name is 1 to 32 lowercase letters, digits, _ . or -, starting with a letter."],
      [{ limits: [{ name: "tokens", limit: 0, window: "day" }] }, "Invalid body field 'limits.0.limit': A limit is at least 1."],
      [{ limits: [{ name: "tokens", limit: 5, window: "week" }] }, "Invalid body field 'limits.0.window': A limit's window is second, minute, hour or day."],
      [
        { limits: [{ name: "tokens", limit: 5, window: "day" }, { name: "tokens", limit: 9, window: "hour" }] },
        "Invalid body field 'limits.1.name': The limit \"tokens\" is named twice.",
      ],
      [{ externalId: "" }, "Invalid body field 'externalId': Enter the customer's id."],
    ];
    for (const [body, message] of cases) {
      const r = await call(`/keys/${me}`, raw, { method: "PATCH", body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toEqual({ code: "BAD_REQUEST", message });
    }
    await call(`/keys/${me}`, raw, { method: "PATCH", body: { limits: [{ name: "tokens", limit: 100, window: "minute" }] } });
    const dear = await verify(raw, { limits: { tokens: 101 } });
    expect(dear.status).toBe(400);
    expect(dear.body.error).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid body field 'limits.tokens': this request costs 101, more than the whole limit (100 per minute)",
    });
    const negative = await verify(raw, { limits: { tokens: -1 } });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toBe("Invalid body field 'limits.tokens': A cost cannot be negative.");
  });

  it("a rotated key keeps its limits, identity, allowlist, metadata and credits", async () => {
    const { raw } = await adminAndKey();
    const me = (await call("/ping", raw)).body.data.keyId as string;
    await call(`/keys/${me}`, raw, {
      method: "PATCH",
      body: { limits: [{ name: "tokens", limit: 10, window: "day" }], externalId: "cust-rot", ipAllowlist: ["127.0.0.1", "10.0.0.0/8"], metadata: { tier: "gold" }, credits: 7 },
    });
    const rotated = await call(`/keys/${me}/rotate`, raw, { body: { gracePeriodSeconds: 60 } });
    expect(rotated.status).toBe(201);
    const successor = await call(`/keys/${rotated.body.data.id}`, raw);
    expect(successor.body.data).toMatchObject({
      limits: [{ name: "tokens", limit: 10, window: "day" }],
      externalId: "cust-rot",
      ipAllowlist: ["127.0.0.1", "10.0.0.0/8"],
      metadata: { tier: "gold" },
    });
    expect(successor.body.data.credits).toBeGreaterThan(0);
  });
});

describe("identities", () => {
  it("only admins and owners put a key under a customer, at creation or later (L3)", async () => {
    const { org, organization } = await issueKey({ plan: "PRO" });
    const { user } = await createMember("MEMBER", organization);
    const member: KeyActor = { type: "user", id: user.id, label: user.email, role: "MEMBER" };
    const externalId = `cust_${unique()}`;
    const refusal = { code: "FORBIDDEN", message: "Only admins and owners put a key under a customer.", field: "externalId" };
    await expect(createKey(org, createKeyInputSchema.parse({ name: "mine", externalId }), member)).rejects.toMatchObject(refusal);
    expect(await db().identity.count({ where: { organizationId: organization.id, externalId } })).toBe(0); // none made either
    const { key } = await createKey(org, createKeyInputSchema.parse({ name: "mine" }), member);
    await expect(updateKey(org, key.id, { externalId }, member)).rejects.toMatchObject(refusal);
    // An admin may; the member may then edit the rest of the key without touching it.
    const { user: adminUser } = await createMember("ADMIN", organization);
    await updateKey(org, key.id, { externalId }, { type: "user", id: adminUser.id, label: adminUser.email, role: "ADMIN" });
    expect((await updateKey(org, key.id, { name: "renamed", externalId }, member)).name).toBe("renamed");
  });

  it("group an end customer's keys; the list filters by externalId; verify names the identity", async () => {
    const { raw, key, org, actor } = await issueKey({ scopes: ["admin"], plan: "ENTERPRISE" });
    const { createKey } = await import("../lib/keys/service");
    const { createKeyInputSchema } = await import("../lib/keys/schemas");
    const other = await createKey(org, createKeyInputSchema.parse({ name: "acme second", externalId: "acme" }), actor);
    await createKey(org, createKeyInputSchema.parse({ name: "globex", externalId: "globex" }), actor);
    const patched = await call(`/keys/${key.id}`, raw, { method: "PATCH", body: { externalId: "acme" } });
    expect(patched.body.data.externalId).toBe("acme");
    const listed = await call("/keys?externalId=acme", raw);
    expect(listed.body.data.map((k: { name: string }) => k.name).sort()).toEqual(["acme second", "test key"]);
    const identities = await call("/identities", raw);
    expect(identities.body.data.map((i: { externalId: string; activeKeys: number }) => [i.externalId, i.activeKeys])).toEqual([
      ["acme", 2],
      ["globex", 1],
    ]);
    expect((await verify(other.rawKey)).body.data.identity).toEqual({ externalId: "acme" });
    // Another organization's identities are not visible.
    const stranger = await issueKey({ scopes: ["admin"] });
    expect((await call("/identities/acme", stranger.raw)).status).toBe(404);
    expect((await call("/keys?externalId=acme", stranger.raw)).body.data).toEqual([]);
  });

  it("share named limits and credits among all their keys", async () => {
    const { raw: admin, org, actor } = await issueKey({ scopes: ["admin"], plan: "ENTERPRISE" });
    const created = await call("/identities", admin, {
      body: { externalId: "cust-42", limits: [{ name: "requests", limit: 5, window: "day" }], credits: 4 },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ externalId: "cust-42", credits: 4, activeKeys: 0 });
    expect((await call("/identities", admin, { body: { externalId: "cust-42" } })).status).toBe(409);
    const { createKey } = await import("../lib/keys/service");
    const { createKeyInputSchema } = await import("../lib/keys/schemas");
    const a = await createKey(org, createKeyInputSchema.parse({ name: "a", externalId: "cust-42" }), actor);
    const b = await createKey(org, createKeyInputSchema.parse({ name: "b", externalId: "cust-42" }), actor);
    const first = await verify(a.rawKey);
    expect(first.body.data).toMatchObject({ valid: true, credits: 3 });
    expect(first.body.data.limits).toEqual([expect.objectContaining({ name: "requests", remaining: 4, shared: true })]);
    expect((await verify(b.rawKey)).body.data).toMatchObject({ valid: true, credits: 2 });
    expect((await verify(a.rawKey, { cost: 2 })).body.data).toMatchObject({ valid: true, credits: 0 });
    const spent = await verify(b.rawKey);
    expect(spent.body.data).toMatchObject({ valid: false, code: "USAGE_EXCEEDED", credits: 0 });
    // More credits for the customer reach every instance's cache at once.
    const more = await call("/identities/cust-42", admin, { method: "PATCH", body: { credits: 100 } });
    expect(more.body.data.credits).toBe(100);
    expect((await verify(b.rawKey)).body.data).toMatchObject({ valid: true, credits: 99 });
    // The shared request limit (5 a day) is used up by both keys together: 4 passed so far
    // (the refused one was charged to the limit: it passed the limit, not the credits).
    const limited = await verify(a.rawKey);
    expect(limited.body.data).toMatchObject({ valid: false, code: "RATE_LIMITED" });
    expect((await db().identity.findFirstOrThrow({ where: { externalId: "cust-42", organizationId: org.id } })).credits).toBe(99);
    const audit = await db().auditEvent.findMany({ where: { organizationId: org.id, action: { startsWith: "identity." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["identity.created", "identity.updated"]);
  });

  it("unknown customers are 404; bad input is a 400 naming the field", async () => {
    const { raw: admin } = await issueKey({ scopes: ["admin"] });
    expect((await call("/identities/nobody", admin, { method: "PATCH", body: { credits: 1 } })).status).toBe(404);
    const bad = await call("/identities", admin, { body: { externalId: "x", credits: -3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("Invalid body field 'credits': Credits cannot be negative.");
    const refill = await call("/identities", admin, { body: { externalId: "y", creditRefill: { amount: 5, interval: "daily" } } });
    expect(refill.status).toBe(400);
    expect(refill.body.error.message).toBe("Invalid body field 'creditRefill': A refill needs credits: set the credits too.");
  });
});
