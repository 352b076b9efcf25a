// Every row of the contract's error table, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { generateKey } from "../lib/keys/format";
import { createKeyInputSchema, ipAllowlistSchema, keyMetadataSchema } from "../lib/keys/schemas";
import { createKey, revokeKey, rotateKey, setKeyDisabled, updateKey } from "../lib/keys/service";
import { suspendOrganization } from "../lib/orgs/suspension";
import { limiter } from "../lib/ratelimit/limiter";
import { startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

async function call(path: string, init: RequestInit & { key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("Authorization", `Bearer ${init.key}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(`${api.base}/api/v1${path}`, { ...init, headers });
  const body = await res.json();
  return { status: res.status, body, headers: res.headers };
}

function expectError(
  r: { status: number; body: { error: { code: string; message: string }; meta: { request_id: string } }; headers: Headers },
  status: number,
  code: string,
  message?: string | RegExp,
) {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  if (message) expect(r.body.error.message).toMatch(message);
  expect(r.body.meta.request_id).toBe(r.headers.get("x-request-id"));
  expect(JSON.stringify(r.body)).not.toMatch(/prisma|select |stack|at .*\.ts/i);
}

describe("a valid key", () => {
  it("GET /ping answers with the key's context and rate-limit headers", async () => {
    const { raw, key, organization } = await issueKey();
    const r = await call("/ping", { key: raw });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({
      organization: { id: organization.id, slug: organization.slug, name: "Test org" },
      project: null,
      keyId: key.id,
      scopes: ["memories:read", "memories:write", "search:read"],
      environment: "live",
      metadata: {},
    });
    expect(r.headers.get("x-ratelimit-limit")).toBe("100");
    expect(r.headers.get("x-ratelimit-remaining")).toBe("99");
    expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
  });

  it("is accepted as Token and as X-API-Key, and twice when both carry the same key", async () => {
    const { raw } = await issueKey();
    expect((await call("/ping", { headers: { Authorization: `Token ${raw}` } })).status).toBe(200);
    expect((await call("/ping", { headers: { "X-API-Key": raw } })).status).toBe(200);
    expect((await call("/ping", { headers: { "X-API-Key": raw, Authorization: `Bearer ${raw}` } })).status).toBe(200);
  });
});

describe("400 BAD_REQUEST", () => {
  it("two different keys in one request", async () => {
    const a = await issueKey();
    const b = await issueKey();
    expectError(
      await call("/ping", { headers: { Authorization: `Bearer ${a.raw}`, "X-API-Key": b.raw } }),
      400,
      "BAD_REQUEST",
      /Two different API keys/,
    );
  });

  it("malformed JSON, a missing field, a wrong type", async () => {
    const { raw } = await issueKey();
    expectError(await call("/memories", { method: "POST", key: raw, body: "{not json" }), 400, "BAD_REQUEST", /Malformed JSON/);
    expectError(await call("/memories", { method: "POST", key: raw, body: JSON.stringify({}) }), 400, "BAD_REQUEST", /content/);
    expectError(
      await call("/memories", { method: "POST", key: raw, body: JSON.stringify({ content: 42 }) }),
      400,
      "BAD_REQUEST",
      /content/,
    );
  });
});

describe("401", () => {
  it("UNAUTHORIZED: no key, empty key, malformed key, wrong prefix, bad checksum, unknown key, 8 KiB key", async () => {
    const { raw } = await issueKey();
    const badChecksum = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /Missing API key/],
      [{ Authorization: "Bearer " }, /Missing API key/],
      [{ Authorization: "Basic dXNlcjpwYXNz" }, /Bearer/],
      [{ "X-API-Key": "hello" }, /Invalid API key/],
      [{ "X-API-Key": raw.replace(/^mos_/, "sk_") }, /Invalid API key/],
      [{ "X-API-Key": badChecksum }, /Invalid API key/],
      [{ "X-API-Key": generateKey("live") }, /Invalid API key/],
      [{ "X-API-Key": "k".repeat(8 * 1024) }, /Invalid API key/],
    ];
    for (const [headers, message] of cases) expectError(await call("/ping", { headers }), 401, "UNAUTHORIZED", message);
  });

  it("KEY_EXPIRED and KEY_REVOKED", async () => {
    const expired = await issueKey();
    await db().apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectError(await call("/ping", { key: expired.raw }), 401, "KEY_EXPIRED", "This API key has expired");

    const revoked = await issueKey();
    expect((await call("/ping", { key: revoked.raw })).status).toBe(200);
    await revokeKey(revoked.org, revoked.key.id, undefined, revoked.actor);
    expectError(await call("/ping", { key: revoked.raw }), 401, "KEY_REVOKED", "This API key has been revoked");
  });

  it("a rotated key works inside its grace window and not after", async () => {
    const { raw, key, org, actor } = await issueKey();
    expect((await call("/ping", { key: raw })).status).toBe(200);
    const { rawKey: next } = await rotateKey(org, key.id, 3600, actor);
    expect((await call("/ping", { key: raw })).status).toBe(200);
    expect((await call("/ping", { key: next })).status).toBe(200);

    // After the window: the window's end is set in the past in the database (rotation has
    // just evicted the old key from the cache, so the next request reads it).
    const later = await issueKey();
    const { rawKey: successor } = await rotateKey(later.org, later.key.id, 3600, later.actor);
    const ended = new Date(Date.now() - 1000);
    await db().apiKey.update({ where: { id: later.key.id }, data: { revokedAt: ended, graceEndsAt: ended } });
    expectError(await call("/ping", { key: later.raw }), 401, "KEY_REVOKED");
    expect((await call("/ping", { key: successor })).status).toBe(200);
  });
});

describe("403", () => {
  it("FORBIDDEN names the missing scope; scopes match exactly; * grants all", async () => {
    const readOnly = await issueKey({ scopes: ["memories:read"] });
    expectError(
      await call("/memories", { method: "POST", key: readOnly.raw, body: JSON.stringify({ content: "x" }) }),
      403,
      "FORBIDDEN",
      "Missing scope: memories:write",
    );
    expect((await call("/memories", { key: readOnly.raw })).status).toBe(200);
    expectError(await call("/keys", { key: readOnly.raw }), 403, "FORBIDDEN", "Missing scope: admin");
    const all = await issueKey({ scopes: ["*"] });
    expect((await call("/keys", { key: all.raw })).status).toBe(200);
  });

  it("ACCOUNT_SUSPENDED as soon as the organization is suspended", async () => {
    const { raw, organization } = await issueKey();
    expect((await call("/ping", { key: raw })).status).toBe(200);
    await suspendOrganization(organization.slug, { note: "chargeback", message: "Unpaid invoice: write to billing@example.com." }, { type: "cli", label: "cli" });
    expectError(await call("/ping", { key: raw }), 403, "ACCOUNT_SUSPENDED", "This account is suspended: Unpaid invoice: write to billing@example.com.");
  });

  it("a customer key cannot call /keys/verify, a root key nothing else", async () => {
    const { raw } = await issueKey({ scopes: ["*"] });
    expectError(
      await call("/keys/verify", { method: "POST", key: raw, body: JSON.stringify({ key: raw }) }),
      403,
      "FORBIDDEN",
      "Missing scope: keys:verify",
    );
    const root = await issueRootKey();
    expectError(await call("/ping", { key: root.rawKey }), 403, "FORBIDDEN", /Root keys/);
  });
});

describe("key controls", () => {
  it("a disabled key gets 401 KEY_DISABLED until it is enabled", async () => {
    const { raw, key, org, actor } = await issueKey();
    await setKeyDisabled(org, key.id, true, actor);
    expectError(await call("/ping", { key: raw }), 401, "KEY_DISABLED", "This API key is disabled");
    await setKeyDisabled(org, key.id, false, actor);
    expect((await call("/ping", { key: raw })).status).toBe(200);
  });

  it("an IP allowlist refuses other addresses with 403 IP_NOT_ALLOWED; metadata comes back", async () => {
    const { raw, key, org, actor } = await issueKey();
    await updateKey(org, key.id, { ipAllowlist: ["203.0.113.0/24"], metadata: { plan: "gold", seats: 3 } }, actor);
    expectError(await call("/ping", { key: raw }), 403, "IP_NOT_ALLOWED");
    await updateKey(org, key.id, { ipAllowlist: ["203.0.113.0/24", "127.0.0.1"] }, actor);
    const ok = await call("/ping", { key: raw });
    expect(ok.status).toBe(200);
    expect(ok.body.data.metadata).toEqual({ plan: "gold", seats: 3 });

    // A gateway names the end client's address.
    await updateKey(org, key.id, { ipAllowlist: ["203.0.113.0/24"] }, actor);
    const root = await issueRootKey();
    const verify = (ip?: string) => call("/keys/verify", { method: "POST", key: root.rawKey, body: JSON.stringify({ key: raw, ...(ip ? { ip } : {}) }) });
    expect((await verify("203.0.113.9")).body.data).toMatchObject({ valid: true, code: "VALID", metadata: { plan: "gold", seats: 3 } });
    expect((await verify("198.51.100.1")).body.data).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
    expect((await verify()).body.data).toMatchObject({ valid: false, code: "IP_NOT_ALLOWED" });
    expectError(await verify("not-an-ip"), 400, "BAD_REQUEST", /ip/);
  });

  it("PATCH /keys/:id edits, disables and enables a key; bad fields get 400 naming them", async () => {
    const { raw, org, actor } = await issueKey({ scopes: ["admin", "memories:read"] });
    const { key: other } = await createKey(org, createKeyInputSchema.parse({ name: "target" }), actor);
    const patch = (body: unknown) => call(`/keys/${other.id}`, { method: "PATCH", key: raw, body: JSON.stringify(body) });
    const edited = await patch({ name: "renamed", scopes: ["search:read"], ipAllowlist: ["10.0.0.0/8"], metadata: { tier: 2 } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ name: "renamed", scopes: ["search:read"], ipAllowlist: ["10.0.0.0/8"], metadata: { tier: 2 }, disabled: false });
    expect((await patch({ disabled: true })).body.data.disabled).toBe(true);
    expect((await patch({ disabled: false })).body.data.disabled).toBe(false);
    expectError(await patch({ ipAllowlist: ["10.0.0.0/99"] }), 400, "BAD_REQUEST", /ipAllowlist/);
    expectError(await patch({ metadata: [1] }), 400, "BAD_REQUEST", /metadata/);
    expectError(await patch({ scopes: ["nope"] }), 400, "BAD_REQUEST", /scopes/);
    expectError(await call(`/keys/unknown-id`, { method: "PATCH", key: raw, body: "{}" }), 404, "NOT_FOUND");
    // Moving a key between projects: its own organization's open projects only.
    const project = await db().project.create({ data: { organizationId: org.id, name: `Backend ${Date.now()}` } });
    expect((await patch({ projectId: project.id })).body.data.projectId).toBe(project.id);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: other.id } })).projectId).toBe(project.id);
    expect((await patch({ projectId: null })).body.data.projectId).toBeNull();
    const { organization: elsewhere } = await issueKey();
    const foreign = await db().project.create({ data: { organizationId: elsewhere.id, name: "Not theirs" } });
    expectError(await patch({ projectId: foreign.id }), 400, "BAD_REQUEST", /project/i);
    await db().project.update({ where: { id: project.id }, data: { archivedAt: new Date() } });
    expectError(await patch({ projectId: project.id }), 400, "BAD_REQUEST", /archived/);
    const audit = await db().auditEvent.findMany({ where: { targetId: other.id, action: { in: ["key.updated", "key.disabled", "key.enabled"] } } });
    expect([...new Set(audit.map((e) => e.action))].sort()).toEqual(["key.disabled", "key.enabled", "key.updated"]);
  });

  it("validates allowlists and metadata", () => {
    expect(ipAllowlistSchema.parse(["10.0.0.0/8", " 2001:DB8::/32 ", "10.0.0.0/8", "::1"])).toEqual(["10.0.0.0/8", "2001:db8::/32", "::1"]);
    for (const bad of [["10.0.0.0/33"], ["example.com"], ["1.2.3.4/8/9"], ["::1/129"], Array.from({ length: 101 }, (_, i) => `10.0.0.${i % 250}`)]) {
      expect(ipAllowlistSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
    expect(keyMetadataSchema.safeParse({ a: 1 }).success).toBe(true);
    for (const bad of [[1, 2], "text", null, { big: "x".repeat(17 * 1024) }]) expect(keyMetadataSchema.safeParse(bad).success).toBe(false);
  });
});

describe("404, 409, 413", () => {
  it("NOT_FOUND for unknown routes and other organizations' ids, with the same body", async () => {
    const mine = await issueKey({ scopes: ["admin", "memories:read"] });
    const theirs = await issueKey();
    const a = await call(`/keys/${theirs.key.id}`, { key: mine.raw });
    const b = await call(`/keys/does-not-exist`, { key: mine.raw });
    expectError(a, 404, "NOT_FOUND", "Not found");
    expect(b.body.error).toEqual(a.body.error);
    expectError(await call(`/keys/${theirs.key.id}`, { method: "DELETE", key: mine.raw }), 404, "NOT_FOUND");
    expectError(await call(`/keys/${theirs.key.id}/rotate`, { method: "POST", key: mine.raw, body: "{}" }), 404, "NOT_FOUND");
    expectError(await call("/no/such/route"), 404, "NOT_FOUND");
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: theirs.key.id } })).revokedAt).toBeNull();
  });

  it("CONFLICT for a duplicate active name and a second rotation", async () => {
    const { raw } = await issueKey({ scopes: ["admin"], name: "dup" });
    expectError(
      await call("/keys", { method: "POST", key: raw, body: JSON.stringify({ name: "dup" }) }),
      409,
      "CONFLICT",
      /already exists/,
    );
    const other = await call("/keys", { method: "POST", key: raw, body: JSON.stringify({ name: "other" }) });
    expect(other.status).toBe(201);
    const [r1, r2] = await Promise.all([
      call(`/keys/${other.body.data.id}/rotate`, { method: "POST", key: raw, body: JSON.stringify({ gracePeriodSeconds: 60 }) }),
      call(`/keys/${other.body.data.id}/rotate`, { method: "POST", key: raw, body: JSON.stringify({ gracePeriodSeconds: 60 }) }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    // Exactly one successor exists, and the 409 names the reason.
    expect(await db().apiKey.count({ where: { rotatedFromId: other.body.data.id } })).toBe(1);
    expect([r1, r2].find((r) => r.status === 409)!.body.error).toEqual({ code: "CONFLICT", message: "This key was already rotated." });
  });

  it("PAYLOAD_TOO_LARGE for a body over 64 KiB, and nothing is written", async () => {
    const { raw, organization } = await issueKey();
    const r = await call("/memories", { method: "POST", key: raw, body: JSON.stringify({ content: "x".repeat(70 * 1024) }) });
    expectError(r, 413, "PAYLOAD_TOO_LARGE", /64 KiB/);
    expect(await db().memory.count({ where: { organizationId: organization.id } })).toBe(0);
  });
});

describe("429", () => {
  it("RATE_LIMITED past the key's per-minute limit, with Retry-After", async () => {
    const { raw } = await issueKey({ ratelimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call("/ping", { key: raw })).status).toBe(200);
    const r = await call("/ping", { key: raw });
    expectError(r, 429, "RATE_LIMITED", "Rate limit exceeded: 3 requests per minute");
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("QUOTA_EXCEEDED past the plan's daily quota", async () => {
    const { raw, organization } = await issueKey();
    for (let i = 0; i < 1000; i++) await limiter().countDaily(organization.id, 1000);
    const r = await call("/ping", { key: raw });
    expectError(r, 429, "QUOTA_EXCEEDED", "Daily quota of 1000 requests exceeded for this organization");
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /keys/verify", () => {
  it("always answers 200 with the verdict, and counts as a use of the key", async () => {
    const root = await issueRootKey();
    const { raw, key, organization } = await issueKey({ scopes: ["memories:read"] });
    const ok = await call("/keys/verify", {
      method: "POST",
      key: root.rawKey,
      body: JSON.stringify({ key: raw, scopes: ["memories:read"] }),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: key.id,
      organizationId: organization.id,
      environment: "live",
      scopes: ["memories:read"],
      expiresAt: null,
    });
    expect(ok.body.data.ratelimit).toMatchObject({ limit: 100, remaining: 99 });
    const denied = await call("/keys/verify", {
      method: "POST",
      key: root.rawKey,
      body: JSON.stringify({ key: raw, scopes: ["memories:write"] }),
    });
    expect(denied.body.data).toMatchObject({ valid: false, code: "FORBIDDEN", keyId: key.id });
    const junk = await call("/keys/verify", { method: "POST", key: root.rawKey, body: JSON.stringify({ key: "nope" }) });
    expect(junk.body.data).toMatchObject({ valid: false, code: "UNAUTHORIZED", keyId: null });
    expectError(
      await call("/keys/verify", { method: "POST", key: root.rawKey, body: JSON.stringify({}) }),
      400,
      "BAD_REQUEST",
      /key/,
    );
  });
});
