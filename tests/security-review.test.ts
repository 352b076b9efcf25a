// Findings of the security review (docs/security.md), each over real HTTP where it applies.
import type { MemberRole } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { generateKey, hashKey, keyHint } from "../lib/keys/format";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, type KeyActor } from "../lib/keys/service";
import { DomainError } from "../lib/errors";
import { startApiServer } from "./helpers/api-server";
import { createMember } from "./helpers/factory";
import { issueKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

async function call(path: string, key: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set("Authorization", `Bearer ${key}`);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(`${api.base}/api/v1${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
const post = (path: string, key: string, body: unknown) => call(path, key, { method: "POST", body: JSON.stringify(body) });

/** An organization with an OWNER (and their key) plus a member of `role`. */
async function team(role: MemberRole) {
  const owner = await createMember("OWNER");
  const member = await createMember(role, owner.organization);
  const org = { id: owner.organization.id, plan: "FREE" as const };
  const actorOf = (m: typeof owner, r: MemberRole): KeyActor => ({ type: "user", id: m.user.id, label: m.user.email, role: r });
  const ownersKey = await createKey(org, createKeyInputSchema.parse({ name: "owner's" }), actorOf(owner, "OWNER"));
  return { owner, member, org, ownersKey, ownerActor: actorOf(owner, "OWNER"), memberActor: actorOf(member, role) };
}

/** A key made before the fix: written straight to the database, as an old row would be. */
async function legacyKey(orgId: string, createdById: string, scopes: string[]) {
  const raw = generateKey("live");
  const row = await db().apiKey.create({
    data: { organizationId: orgId, name: `legacy ${raw.slice(-6)}`, environment: "live", scopes, hash: hashKey(raw), hint: keyHint(raw), createdById },
  });
  return { raw, id: row.id };
}

describe("1. a key never carries more authority than its creator", () => {
  it.each(["admin", "*"])("a MEMBER cannot create a key with %s, through the service or the API", async (scope) => {
    const { org, memberActor, member } = await team("MEMBER");
    await expect(createKey(org, createKeyInputSchema.parse({ name: "mine", scopes: [scope] }), memberActor)).rejects.toMatchObject(
      new DomainError("FORBIDDEN", `Only admins and owners may grant the "${scope}" scope.`, "scopes"),
    );
    // Even with a key that somehow holds `admin` (made before the fix), the API refuses.
    const legacy = await legacyKey(org.id, member.user.id, ["admin"]);
    const r = await post("/keys", legacy.raw, { name: "escalated", scopes: [scope] });
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({ code: "FORBIDDEN", message: `Only admins and owners may grant the "${scope}" scope.` });
    expect(await db().apiKey.count({ where: { organizationId: org.id, name: "escalated" } })).toBe(0);
  });

  it("a MEMBER's memories key cannot reach /keys", async () => {
    const { org, memberActor } = await team("MEMBER");
    const { rawKey } = await createKey(org, createKeyInputSchema.parse({ name: "worker" }), memberActor);
    for (const [method, path] of [["GET", "/keys"], ["POST", "/keys"], ["GET", "/usage"]] as const) {
      const r = await call(path, rawKey, { method, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(r.status).toBe(403);
      expect(r.body.error).toEqual({ code: "FORBIDDEN", message: "Missing scope: admin" });
    }
  });

  it("a MEMBER's admin key (made before the fix) cannot rotate or revoke the owner's key", async () => {
    const { org, member, ownersKey } = await team("MEMBER");
    const legacy = await legacyKey(org.id, member.user.id, ["admin"]);
    const rotate = await post(`/keys/${ownersKey.key.id}/rotate`, legacy.raw, {});
    expect(rotate.status).toBe(403);
    expect(rotate.body.error.message).toBe("Members can only change keys they created.");
    expect((await call(`/keys/${ownersKey.key.id}`, legacy.raw, { method: "DELETE" })).status).toBe(403);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: ownersKey.key.id } });
    expect(stored.revokedAt).toBeNull();
  });

  it("an ADMIN's admin key loses its power when the ADMIN is demoted, and all of it when removed", async () => {
    const { org, member: admin, ownersKey, memberActor } = await team("ADMIN");
    const { rawKey } = await createKey(org, createKeyInputSchema.parse({ name: "automation", scopes: ["admin"] }), memberActor);
    const target = await createKey(org, createKeyInputSchema.parse({ name: "target" }), { type: "cli", id: null, label: "cli" });
    // As ADMIN: may rotate another person's key.
    expect((await post(`/keys/${target.key.id}/rotate`, rawKey, {})).status).toBe(201);

    await db().membership.update({
      where: { organizationId_userId: { organizationId: org.id, userId: admin.user.id } },
      data: { role: "MEMBER" },
    });
    const rotate = await post(`/keys/${ownersKey.key.id}/rotate`, rawKey, {});
    expect(rotate.status).toBe(403);
    expect((await post("/keys", rawKey, { name: "another admin", scopes: ["admin"] })).status).toBe(403);
    // Still a member: reads and keys of their own are fine.
    expect((await call("/keys", rawKey)).status).toBe(200);

    await db().membership.delete({ where: { organizationId_userId: { organizationId: org.id, userId: admin.user.id } } });
    const list = await call("/keys", rawKey);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/no longer a member/);
  });

  it("the audit log names the human behind an API-key action", async () => {
    const { org, member: admin, memberActor } = await team("ADMIN");
    const { rawKey, key } = await createKey(org, createKeyInputSchema.parse({ name: "ci", scopes: ["admin"] }), memberActor);
    const created = await post("/keys", rawKey, { name: "made by ci" });
    expect(created.status).toBe(201);
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "key.created", targetId: created.body.data.id } });
    expect(event.actorType).toBe("api_key");
    expect(event.actorId).toBe(key.id);
    expect(event.actorLabel).toBe(`${admin.user.email} via api key ${key.hint}`);
    expect(event.metadata).toMatchObject({ viaApiKeyId: key.id, onBehalfOfUserId: admin.user.id });
    // The new key belongs to the human, so their role bounds it too.
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: created.body.data.id } })).createdById).toBe(admin.user.id);
  });
});

describe("6. list cursors stay inside the caller's organization", () => {
  it("another organization's key id as cursor answers like an unknown id", async () => {
    const mine = await issueKey({ scopes: ["admin"] });
    const theirs = await issueKey();
    for (const cursor of [theirs.key.id, "unknownid123"]) {
      const r = await call(`/keys?cursor=${cursor}`, mine.raw);
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual([]);
      expect(r.body.meta.next_cursor).toBeNull();
    }
  });

  it("and so does another organization's memory id", async () => {
    const mine = await issueKey();
    const theirs = await issueKey();
    await post("/memories", mine.raw, { content: "mine" });
    const foreign = await post("/memories", theirs.raw, { content: "theirs" });
    await post("/memories", theirs.raw, { content: "theirs too" });
    const r = await call(`/memories?cursor=${foreign.body.data.id}`, mine.raw);
    expect(r.body.data).toEqual([]);
    expect(r.body.meta.next_cursor).toBeNull();
  });
});

describe("7. test and live keys see separate memories", () => {
  it("a test key never sees live memories, nor the other way round", async () => {
    const { raw: live, org, actor } = await issueKey();
    const { rawKey: test } = await createKey(org, createKeyInputSchema.parse({ name: "test", environment: "test" }), actor);
    const liveMemory = await post("/memories", live, { content: "live data" });
    const testMemory = await post("/memories", test, { content: "test data" });
    expect((await call("/memories", test)).body.data.map((m: { content: string }) => m.content)).toEqual(["test data"]);
    expect((await call("/memories", live)).body.data.map((m: { content: string }) => m.content)).toEqual(["live data"]);
    expect((await call(`/memories/${liveMemory.body.data.id}`, test)).status).toBe(404);
    expect((await call(`/memories/${testMemory.body.data.id}`, live, { method: "DELETE" })).status).toBe(404);
    expect((await post("/memories/search", test, { query: "data" })).body.data).toHaveLength(1);
  });
});

describe("8. bad input answers 4xx in the envelope, never 500", () => {
  it("an undecodable URL", async () => {
    const { raw } = await issueKey({ scopes: ["admin"] });
    const r = await call("/keys/%FF", raw);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("BAD_REQUEST");
    expect(r.body.meta.request_id).toBe(r.headers.get("x-request-id"));
  });

  it("NUL and unpaired surrogates in ids, cursors, names, content and queries", async () => {
    const { raw } = await issueKey({ scopes: ["*"] });
    const cases = [
      await call("/keys/abc%00", raw),
      await call("/memories/abc%00", raw),
      await call("/memories?cursor=abc%00", raw),
      await post("/keys", raw, { name: "a\u0000b" }),
      await call("/keys", raw, { method: "POST", body: '{"name":"a\\ud800b"}' }),
      await post("/memories", raw, { content: "x\u0000y" }),
      await call("/memories", raw, { method: "POST", body: '{"content":"x\\udc00y"}' }),
      await post("/memories/search", raw, { query: "q\u0000" }),
      await post("/memories", raw, { content: "ok", metadata: { "k\u0000": 1 } }),
    ];
    for (const r of cases) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("BAD_REQUEST");
    }
  });

  it("metadata nested deeper than 32 levels", async () => {
    const { raw } = await issueKey();
    let deep: unknown = "leaf";
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const r = await post("/memories", raw, { content: "deep", metadata: deep });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/metadata.*32 levels/);
  });

  it("rotate with no body, or an empty JSON body, means no grace period", async () => {
    const { raw } = await issueKey({ scopes: ["admin", "memories:write"] });
    const a = await post("/keys", raw, { name: "a" });
    const b = await post("/keys", raw, { name: "b" });
    expect((await call(`/keys/${a.body.data.id}/rotate`, raw, { method: "POST" })).status).toBe(201);
    const empty = await call(`/keys/${b.body.data.id}/rotate`, raw, { method: "POST", body: "", headers: { "content-type": "application/json" } });
    expect(empty.status).toBe(201);
    // A required body is still required.
    expect((await call("/memories", raw, { method: "POST", body: "", headers: { "content-type": "application/json" } })).status).toBe(400);
  });
});

describe("10. responses that carry a secret are never cached", () => {
  it("create and rotate answer Cache-Control: no-store", async () => {
    const { raw } = await issueKey({ scopes: ["admin"] });
    const created = await post("/keys", raw, { name: "fresh" });
    expect(created.headers.get("cache-control")).toBe("no-store");
    const rotated = await post(`/keys/${created.body.data.id}/rotate`, raw, {});
    expect(rotated.headers.get("cache-control")).toBe("no-store");
  });
});
