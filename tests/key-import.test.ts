// Keys imported from another system by their SHA-256: they verify like native keys; a bad
// entry names itself and nothing is imported.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { emitKeyChange } from "../lib/events/key-changes";
import { keyhouse } from "./helpers/cli";
import { startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const oldKey = (prefix = "sk_live_") => `${prefix}${randomBytes(24).toString("base64url")}`;

async function call(pathname: string, key: string, body?: unknown) {
  const res = await fetch(`${api.base}/api/v1${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe("POST /api/v1/keys/import", () => {
  it("imports keys by hash; the old raw keys then work on the API and through /keys/verify", async () => {
    const { raw: admin, organization } = await issueKey({ scopes: ["admin"] });
    const old = [oldKey(), oldKey(), oldKey()];
    const r = await call("/keys/import", admin, {
      prefix: "sk_live_",
      keys: old.map((k, i) => ({
        sha256: sha256(k),
        name: `legacy ${i}`,
        last4: k.slice(-4).replace(/[^0-9A-Za-z]/g, "x"),
        ...(i === 2 ? { scopes: ["memories:read"], expiresAt: "2099-01-01T00:00:00Z" } : {}),
      })),
    });
    expect(r.status).toBe(201);
    expect(r.body.data.imported).toBe(3);
    expect(r.body.data.keys[0].hint).toMatch(/^sk_live_…[0-9A-Za-z]{4}$/);

    const ping = await call("/ping", old[0]);
    expect(ping.status).toBe(200);
    expect(ping.body.data.organization.id).toBe(organization.id);
    expect((await call("/memories", old[0], { content: "from the old system" })).status).toBe(201);
    expect((await call("/memories", old[2], { content: "read-only key" })).body.error).toEqual({
      code: "FORBIDDEN",
      message: "Missing scope: memories:write",
    });
    const root = (await issueRootKey()).rawKey;
    const verdict = await call("/keys/verify", root, { key: old[1], scopes: ["memories:read"] });
    expect(verdict.body.data).toMatchObject({ valid: true, code: "VALID", organizationId: organization.id });
    // Same prefix, unknown key: refused as invalid, never a 500.
    expect((await call("/ping", oldKey())).body.error).toEqual({ code: "UNAUTHORIZED", message: "Invalid API key" });

    const stored = await db().apiKey.findMany({ where: { organizationId: organization.id, importedPrefix: "sk_live_" } });
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain(old[0].slice(8));
    const audit = await db().auditEvent.findFirst({ where: { organizationId: organization.id, action: "key.imported" } });
    expect(audit?.metadata).toMatchObject({ prefix: "sk_live_", count: 3 });
  });

  it("a bad entry is a 400 naming it, and nothing is imported", async () => {
    const { raw: admin, organization } = await issueKey({ scopes: ["admin"] });
    const a = oldKey("legacy_");
    const cases: [unknown[], string][] = [
      [
        [
          { sha256: sha256(a), name: "ok" },
          { sha256: "abc", name: "short" },
        ],
        "Invalid body field 'keys.1.sha256': Must be the key's SHA-256 in hex (64 characters).",
      ],
      [
        [
          { sha256: sha256(a), name: "one" },
          { sha256: sha256(a), name: "two" },
        ],
        "Invalid body field 'keys.1.sha256': The same key as entry 1.",
      ],
      [
        [
          { sha256: sha256(a), name: "one" },
          { sha256: sha256(oldKey("legacy_")), name: "one" },
        ],
        "Invalid body field 'keys.1.name': The same name as entry 1.",
      ],
      [
        [{ sha256: sha256(a), name: "x", scopes: ["read"] }],
        "Invalid body field 'keys.0.scopes': Unknown scope for Memory OS keys: read (use memories:read, memories:write, search:read, admin, *)",
      ],
      [
        [{ sha256: sha256(a), name: "x", expiresAt: "2001-01-01T00:00:00Z" }],
        "Invalid body field 'keys.0.expiresAt': The expiry must be in the future.",
      ],
    ];
    for (const [keys, message] of cases) {
      const r = await call("/keys/import", admin, { prefix: "legacy_", keys });
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({ code: "BAD_REQUEST", message });
    }
    expect(
      (await call("/keys/import", admin, { prefix: "no spaces", keys: [{ sha256: sha256(a), name: "x" }] })).body.error.message,
    ).toMatch(/^Invalid body field 'prefix'/);
    expect(await db().apiKey.count({ where: { organizationId: organization.id, importedPrefix: { not: null } } })).toBe(0);

    // A key already in Keyhouse (here: imported once) is refused the second time.
    expect((await call("/keys/import", admin, { prefix: "legacy_", keys: [{ sha256: sha256(a), name: "first" }] })).status).toBe(
      201,
    );
    const again = await call("/keys/import", admin, {
      prefix: "legacy_",
      keys: [
        { sha256: sha256(oldKey("legacy_")), name: "new" },
        { sha256: sha256(a), name: "again" },
      ],
    });
    expect(again.body.error).toEqual({
      code: "BAD_REQUEST",
      message: "Invalid body field 'keys.1.sha256': This key is already imported into this organization.",
    });
    expect(await db().apiKey.count({ where: { organizationId: organization.id, importedPrefix: { not: null } } })).toBe(1);
    // Another organization learns nothing about where the hash is (L7).
    const { raw: other } = await issueKey({ scopes: ["admin"] });
    const elsewhere = await call("/keys/import", other, { prefix: `o${randomBytes(3).toString("hex")}_`, keys: [{ sha256: sha256(a), name: "mine" }] });
    expect(elsewhere.body.error).toEqual({ code: "BAD_REQUEST", message: "Invalid body field 'keys.0.sha256': This key cannot be imported." });
  });

  it("needs the admin scope and an admin's key", async () => {
    const { raw } = await issueKey();
    expect((await call("/keys/import", raw, { prefix: "x_", keys: [{ sha256: "0".repeat(64), name: "x" }] })).body.error).toEqual(
      {
        code: "FORBIDDEN",
        message: "Missing scope: admin",
      },
    );
  });
});

describe("large imports (L6)", () => {
  it("the API takes at most 1,000 keys a request and says so; the CLI imports a larger file in batches", async () => {
    const { raw: admin, organization } = await issueKey({ scopes: ["admin"] });
    const prefix = `big${randomBytes(3).toString("hex")}_`;
    const keys = Array.from({ length: 2_500 }, (_, i) => ({ sha256: sha256(oldKey(prefix)), name: `k${i}` }));
    const tooMany = await call("/keys/import", admin, { prefix, keys: keys.slice(0, 1_001) });
    expect(tooMany).toMatchObject({
      status: 400,
      body: { error: { code: "BAD_REQUEST", message: "Invalid body field 'keys': At most 1,000 keys per request: send the rest in further requests." } },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "kh-import-"));
    const file = path.join(dir, "big.jsonl");
    writeFileSync(file, keys.map((k) => JSON.stringify(k)).join("\n"));
    expect(await keyhouse("keys", "import", file, "--org", organization.slug, "--prefix", prefix)).toMatchObject({
      code: 0,
      stderr: `Imported 2500 keys into ${organization.slug}.\n`,
    });
    expect(await db().apiKey.count({ where: { organizationId: organization.id, importedPrefix: prefix } })).toBe(2_500);
  });
});

describe("import cannot squat other tenants' requests (M1)", () => {
  it("never answers a short string such as `undefined`, even when its hash was imported", async () => {
    const { raw: admin } = await issueKey({ scopes: ["admin"] });
    const prefix = `u${randomBytes(3).toString("hex")}`;
    // The squatter imports the hash of a string that misconfigured clients send.
    const squat = `${prefix}ndefined`;
    expect((await call("/keys/import", admin, { prefix, keys: [{ sha256: sha256(squat), name: "squat" }] })).status).toBe(201);
    expect(await call("/ping", squat)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
    const root = (await issueRootKey()).rawKey;
    expect((await call("/keys/verify", root, { key: squat })).body.data).toMatchObject({ valid: false, code: "UNAUTHORIZED" });
  });

  it("a prefix belongs to one organization and never overlaps a native key format", async () => {
    const { raw: first } = await issueKey({ scopes: ["admin"] });
    const { raw: second } = await issueKey({ scopes: ["admin"] });
    const prefix = `own${randomBytes(3).toString("hex")}_`;
    const one = (name: string) => [{ sha256: sha256(oldKey(prefix)), name }];
    expect((await call("/keys/import", first, { prefix, keys: one("a") })).status).toBe(201);
    expect((await call("/keys/import", first, { prefix, keys: one("b") })).status).toBe(201); // its own again: fine
    for (const taken of [prefix, `${prefix}x`, prefix.slice(0, -1)]) {
      const r = await call("/keys/import", second, { prefix: taken, keys: one("c") });
      expect(r.body.error, taken).toEqual({
        code: "BAD_REQUEST",
        message: "Invalid body field 'prefix': Another organization already imports keys under this prefix, or one that overlaps it.",
      });
    }
    for (const [native, start] of [["mos_", "mos_live_"], ["mo", "mos_live_"], ["m0-", "m0-"], ["ml_live_x", "ml_live_"]]) {
      const r = await call("/keys/import", second, { prefix: native, keys: one("d") });
      expect(r.body.error.message, native).toBe(
        `Invalid body field 'prefix': The prefix overlaps Keyhouse's own keys (${start}): choose the other system's prefix.`,
      );
    }
  });
});

describe("keyhouse keys import FILE.jsonl", () => {
  it("reports a bad line by its number and imports nothing; a good file imports every line", async () => {
    const { organization } = await issueKey();
    const dir = mkdtempSync(path.join(tmpdir(), "kh-import-"));
    const keys = [oldKey("old_"), oldKey("old_"), oldKey("old_")];
    const line = (k: string, name: string) => JSON.stringify({ sha256: sha256(k), name });
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, `${line(keys[0], "a")}\n\n${line(keys[1], "b")}\n{"sha256":"nope","name":"c"}\n`);
    const refused = await keyhouse("keys", "import", bad, "--org", organization.slug, "--prefix", "old_");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "line 4: field 'sha256': Must be the key's SHA-256 in hex (64 characters). Nothing was imported.",
    );
    const dup = path.join(dir, "dup.jsonl");
    writeFileSync(dup, `${line(keys[0], "a")}\n${line(keys[0], "b")}\n`);
    expect((await keyhouse("keys", "import", dup, "--org", organization.slug, "--prefix", "old_")).stderr).toContain(
      "line 2: field 'sha256': The same key as line 1. Nothing was imported.",
    );
    expect(await db().apiKey.count({ where: { organizationId: organization.id, importedPrefix: "old_" } })).toBe(0);

    const good = path.join(dir, "good.jsonl");
    writeFileSync(good, keys.map((k, i) => line(k, `k${i}`)).join("\n"));
    const done = await keyhouse("keys", "import", good, "--org", organization.slug, "--prefix", "old_");
    expect(done).toMatchObject({ code: 0, stderr: `Imported 3 keys into ${organization.slug}.\n` });
    // What the CLI's change notice brings a server on PostgreSQL (LISTEN/NOTIFY) or Redis.
    emitKeyChange({ organizationIds: [organization.id], remote: true });
    await new Promise((r) => setTimeout(r, 200));
    expect((await call("/ping", keys[2])).status).toBe(200);
  });
});
