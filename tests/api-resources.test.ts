// The resources behind the keys, over real HTTP: keys management, memories, usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { hashKey } from "../lib/keys/format";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey } from "../lib/keys/service";
import { usageBuffer } from "../lib/usage/buffer";
import { startApiServer } from "./helpers/api-server";
import { issueKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

async function call(path: string, key: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("X-API-Key", key);
  if (init.body) headers.set("content-type", "application/json");
  const res = await fetch(`${api.base}/api/v1${path}`, { ...init, headers });
  return { status: res.status, body: await res.json() };
}

describe("keys through the API (admin scope)", () => {
  it("creates (raw key once), lists with a cursor, reads, rotates and revokes idempotently", async () => {
    const { raw } = await issueKey({ scopes: ["admin"] });
    const created = await call("/keys", raw, {
      method: "POST",
      body: JSON.stringify({ name: "svc", scopes: ["memories:read"], environment: "test" }),
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: "svc", scopes: ["memories:read"], environment: "test", expiresAt: null });
    expect(created.body.data.key).toMatch(/^mos_test_/);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: created.body.data.id } });
    expect(stored.hash).toBe(hashKey(created.body.data.key));

    const page1 = await call("/keys?limit=1", raw);
    expect(page1.body.data).toHaveLength(1);
    expect(page1.body.data[0]).not.toHaveProperty("key");
    const page2 = await call(`/keys?limit=1&cursor=${page1.body.meta.next_cursor}`, raw);
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.meta.next_cursor).toBeNull();
    expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);

    const id = created.body.data.id;
    expect((await call(`/keys/${id}`, raw)).body.data).toMatchObject({ id, status: "active", hint: stored.hint });
    const rotated = await call(`/keys/${id}/rotate`, raw, { method: "POST", body: JSON.stringify({ gracePeriodSeconds: 60 }) });
    expect(rotated.status).toBe(201);
    expect((await call(`/keys/${id}`, raw)).body.data.status).toBe("rotating");
    const first = await call(`/keys/${id}`, raw, { method: "DELETE" });
    const second = await call(`/keys/${id}`, raw, { method: "DELETE" });
    expect(first.status).toBe(200);
    expect(second.body.data).toEqual(first.body.data);
    expect(first.body.data.status).toBe("revoked");
  });

  it("refuses bad bodies with the field named, and limits above the plan", async () => {
    const { raw } = await issueKey({ scopes: ["admin"] });
    const cases: [unknown, RegExp][] = [
      [{ name: "" }, /name/],
      [{ name: "x", scopes: ["memories:delete"] }, /Unknown scope: memories:delete/],
      [{ name: "x", expiresAt: "2020-01-01T00:00:00Z" }, /expiry must be in the future/],
      [{ name: "x", ratelimitPerMinute: 5000 }, /at most 100 requests per minute/],
      [{ name: "x", environment: "prod" }, /environment/],
    ];
    for (const [body, message] of cases) {
      const r = await call("/keys", raw, { method: "POST", body: JSON.stringify(body) });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("BAD_REQUEST");
      expect(r.body.error.message).toMatch(message);
    }
    const r = await call("/keys/x/rotate", raw, { method: "POST", body: JSON.stringify({ gracePeriodSeconds: 8 * 86_400 }) });
    expect(r.status).toBe(400);
  });
});

describe("memories", () => {
  it("stores, lists, reads, searches and deletes within the organization only", async () => {
    const mine = await issueKey({ scopes: ["*"] });
    const theirs = await issueKey({ scopes: ["*"] });
    const created = await call("/memories", mine.raw, {
      method: "POST",
      body: JSON.stringify({ content: "Prefers dark mode", metadata: { source: "chat" } }),
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({ content: "Prefers dark mode", metadata: { source: "chat" }, projectId: null });
    expect((await call("/memories", mine.raw)).body.data.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await call(`/memories/${id}`, mine.raw)).status).toBe(200);
    expect(
      (await call("/memories/search", mine.raw, { method: "POST", body: JSON.stringify({ query: "DARK" }) })).body.data,
    ).toHaveLength(1);

    expect((await call(`/memories/${id}`, theirs.raw)).status).toBe(404);
    expect((await call(`/memories/${id}`, theirs.raw, { method: "DELETE" })).status).toBe(404);
    expect((await call("/memories", theirs.raw)).body.data).toEqual([]);

    expect((await call(`/memories/${id}`, mine.raw, { method: "DELETE" })).body.data).toEqual({ id, deleted: true });
    expect((await call(`/memories/${id}`, mine.raw)).status).toBe(404);
  });
});

describe("usage", () => {
  it("sums the organization's requests by outcome per hour", async () => {
    const { raw, key, org, actor } = await issueKey({ ratelimitPerMinute: 3 });
    const reader = await createKey(org, createKeyInputSchema.parse({ name: "reader", scopes: ["admin"] }), actor);
    for (let i = 0; i < 5; i++) await call("/ping", raw);
    await usageBuffer().flush();
    const r = await call(`/usage?granularity=hour&keyId=${key.id}`, reader.rawKey);
    expect(r.status).toBe(200);
    const totals = r.body.data.reduce(
      (t: Record<string, number>, p: Record<string, number>) => ({ ok: t.ok + p.ok, rateLimited: t.rateLimited + p.rateLimited }),
      { ok: 0, rateLimited: 0 },
    );
    expect(totals).toEqual({ ok: 3, rateLimited: 2 });
  });

  it("refuses a reversed or too long range", async () => {
    const { raw } = await issueKey({ scopes: ["admin"] });
    expect((await call("/usage?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", raw)).body.error.code).toBe("BAD_REQUEST");
    expect((await call("/usage?from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", raw)).status).toBe(400);
    expect((await call("/usage?granularity=week", raw)).status).toBe(400);
  });
});
