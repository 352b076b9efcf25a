// An upgrade never revokes keys: a database as the build of 2026-11-26 (74e819a) left it, with
// keys under that deployment's one prefix (`kh_`), then today's migrations and code on it.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../lib/db/migrate";
import { BASE62, checksum, hashKey } from "../lib/keys/format";
import { freshDatabase } from "./helpers/fresh-database";
import { startInstance, type Instance } from "./helpers/instances";

// The migrations that build had (its schema), copied unchanged from this repository.
const OLD_MIGRATIONS = ["20261125000000_init"];

/** A key as that build made it: `<KEY_PREFIX>_<env>_<32 base62><6 base62 CRC32>`. */
function oldKey(env: "live" | "test", prefix = "kh"): string {
  const body = `${prefix}_${env}_${[...randomBytes(32)].map((b) => BASE62[b % 62]).join("")}`;
  return body + checksum(body);
}
const oldHint = (raw: string) => `${raw.slice(0, raw.indexOf("_", raw.indexOf("_") + 1) + 5)}…${raw.slice(-4)}`;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let instance: Instance;
const keys = { live: oldKey("live"), test: oldKey("test"), custom: oldKey("live", "acme"), root: oldKey("live"), revoked: oldKey("live") };

beforeAll(async () => {
  database = await freshDatabase();
  const oldDir = mkdtempSync(path.join(tmpdir(), "kh-old-migrations-"));
  for (const name of OLD_MIGRATIONS) cpSync(path.join("prisma", "migrations", name), path.join(oldDir, name), { recursive: true });
  await migrate(database.url, oldDir);
  rmSync(oldDir, { recursive: true, force: true });

  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  await sql.query(`INSERT INTO "User" (id, email, name) VALUES ('u1', 'owner@old.test', 'Owner')`);
  await sql.query(`INSERT INTO "Organization" (id, slug, name, plan) VALUES ('o1', 'old-org', 'Old Org', 'PRO')`);
  await sql.query(`INSERT INTO "Membership" (id, "organizationId", "userId", role) VALUES ('m1', 'o1', 'u1', 'OWNER')`);
  const insertKey = (id: string, raw: string, org: string | null, scopes: string[], extra = "") =>
    sql.query(
      `INSERT INTO "ApiKey" (id, "organizationId", name, environment, scopes, hash, hint, "createdById" ${extra ? ', "revokedAt"' : ""})
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'u1' ${extra ? ", now()" : ""})`,
      [id, org, `key ${id}`, raw.includes("_test_") ? "test" : "live", scopes, hashKey(raw), oldHint(raw)],
    );
  await insertKey("k-live", keys.live, "o1", ["memories:read", "memories:write", "search:read"]);
  await insertKey("k-test", keys.test, "o1", ["memories:read"]);
  await insertKey("k-custom", keys.custom, "o1", ["memories:read"]); // a deployment with KEY_PREFIX=acme
  await insertKey("k-root", keys.root, null, ["keys:verify"]);
  await insertKey("k-revoked", keys.revoked, "o1", ["memories:read"], "revoked");
  await sql.end();

  const result = await migrate(database.url);
  expect(result.applied.length).toBeGreaterThan(5);
  instance = await startInstance({ DATABASE_URL: database.url, REDIS_URL: "" });
}, 120_000);

afterAll(async () => {
  await instance?.stop();
  await database?.drop();
});

const call = async (p: string, key: string, init: RequestInit = {}) => {
  const res = await fetch(`${instance.base}${p}`, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  return { status: res.status, body: await res.json() };
};

describe("keys issued before the upgrade", () => {
  it("keep verifying with their scopes on ping and on the memories API", async () => {
    const ping = await call("/ping", keys.live);
    expect(ping.status).toBe(200);
    expect(JSON.stringify(ping.body.data)).toContain("k-live");
    const created = await call("/memories", keys.live, { method: "POST", body: JSON.stringify({ content: "kept across the upgrade" }) });
    expect(created.status).toBe(201);
    const listed = await call("/memories", keys.live);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body.data)).toContain("kept across the upgrade");
    // Scopes hold: the test key only reads.
    expect((await call("/memories", keys.test)).status).toBe(200);
    const refused = await call("/memories", keys.test, { method: "POST", body: JSON.stringify({ content: "x" }) });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN", message: "Missing scope: memories:write" } } });
  });

  it("under a custom deployment prefix too; a revoked one stays revoked; a mistyped one is refused", async () => {
    expect((await call("/ping", keys.custom)).status).toBe(200);
    expect((await call("/ping", keys.revoked)).body.error.code).toBe("KEY_REVOKED");
    const typo = keys.live.slice(0, -1) + (keys.live.endsWith("A") ? "B" : "A");
    expect(await call("/ping", typo)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
  });

  it("an old root key still verifies an old customer key for a gateway", async () => {
    const r = await call("/keys/verify", keys.root, { method: "POST", body: JSON.stringify({ key: keys.live, scopes: ["memories:read"] }) });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ valid: true, code: "VALID", keyId: "k-live", organizationId: "o1" });
  });
});
