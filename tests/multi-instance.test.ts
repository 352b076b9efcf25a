import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { startBroadcast } from "../lib/events/broadcast";
import { reinstateOrganization, suspendOrganization } from "../lib/orgs/suspension";
import { startApiServer } from "./helpers/api-server";
import { requireRedis, startInstance, type Instance } from "./helpers/instances";
import { issueKey, issueRootKey } from "./helpers/keys";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, updateKey } from "../lib/keys/service";
import { createIdentity } from "../lib/identities/service";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const hasRedis = await requireRedis(REDIS_URL);
const onPostgres = process.env.KH_TEST_LANE === "postgres";

const ping = (base: string, key: string) => fetch(`${base}/ping`, { headers: { Authorization: `Bearer ${key}` } });

async function burst(bases: string[], key: string, total: number): Promise<number[]> {
  const statuses = await Promise.all(
    Array.from({ length: total }, (_, i) => ping(bases[i % bases.length], key).then((r) => r.status)),
  );
  return statuses;
}

const ownerOf = (organizationId: string) => ({ type: "cli" as const, id: null, label: `cli for ${organizationId}` });

describe("one instance", () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it("200 concurrent requests against a limit of 100 admit exactly 100", async () => {
    const { raw } = await issueKey({ ratelimitPerMinute: 100 });
    const statuses = await burst([`${api.base}/api/v1`], raw, 200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
  });

  it("200 concurrent requests against 60 credits spend exactly 60", async () => {
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 60 } });
    const statuses = await burst([`${api.base}/api/v1`], raw, 200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(140);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).credits).toBe(0);
  });
});

const transports = [
  ...(hasRedis ? [{ name: "Redis pub/sub", env: { REDIS_URL } }] : []),
  ...(onPostgres ? [{ name: "PostgreSQL LISTEN/NOTIFY", env: { REDIS_URL: undefined } }] : []),
];

describe.each(transports)("two instances over $name", ({ env }) => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("a key revoked through one instance is refused by the other within 1 s", async () => {
    const { raw, key } = await issueKey({ scopes: ["admin", "memories:read"] });
    expect((await ping(b.base, raw)).status).toBe(200); // now cached on b
    const revoked = await fetch(`${a.base}/keys/${key.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${raw}` } });
    expect(revoked.status).toBe(200);
    const started = Date.now();
    let status = 0;
    // Poll past the contract so a slow propagation reports how slow it was.
    while (Date.now() - started < 5000) {
      status = (await ping(b.base, raw)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const elapsed = Date.now() - started;
    expect(status).toBe(401);
    // Contract: 1 s. Observed on the 2-core CI machine: well under 100 ms (one pub/sub hop).
    expect(elapsed, `the revocation reached the other instance after ${elapsed} ms; the contract is 1000 ms`).toBeLessThan(1000);
  });

  it("100 concurrent requests split over both against 40 credits spend exactly 40", async () => {
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 40 } });
    const statuses = await burst([a.base, b.base], raw, 100);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).credits).toBe(0);
  });

  it("100 concurrent requests by two keys of one customer, split over both, against 30 shared credits spend exactly 30", async () => {
    const { raw, key, org } = await issueKey({ plan: "ENTERPRISE" });
    const { rawKey: second } = await createKey(org, createKeyInputSchema.parse({ name: "second" }), ownerOf(org.id));
    const identity = await db().identity.create({ data: { organizationId: org.id, externalId: "shared", credits: 30 } });
    await db().apiKey.updateMany({ where: { organizationId: org.id }, data: { identityId: identity.id } });
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ping([a.base, b.base][i % 2], i % 4 < 2 ? raw : second).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(70);
    expect((await db().identity.findUniqueOrThrow({ where: { id: identity.id } })).credits).toBe(0);
    expect(key.id).toBeTruthy();
  });
});


// A suspension from the console (a server action in some instance: here, this process)
// reaches every instance through the broadcast, with the customer message, and so does a reinstatement.
describe.runIf(hasRedis)("suspension across instances", () => {
  let a: Instance;
  let b: Instance;
  let stopBroadcast: () => Promise<void>;
  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance({ REDIS_URL }), startInstance({ REDIS_URL })]);
    process.env.REDIS_URL = REDIS_URL;
    stopBroadcast = startBroadcast({ embeddedDatabase: true });
  });
  afterAll(async () => {
    await stopBroadcast?.();
    delete process.env.REDIS_URL;
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function statusWithin(base: string, key: string, want: number): Promise<{ status: number; body: { error?: { message: string } }; elapsed: number }> {
    const started = Date.now();
    let res = await ping(base, key);
    while (res.status !== want && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 25));
      res = await ping(base, key);
    }
    return { status: res.status, body: await res.json(), elapsed: Date.now() - started };
  }

  it("every instance answers 403 with the customer message within 1 s, and 200 again after reinstating", async () => {
    const { raw, organization } = await issueKey();
    expect((await ping(a.base, raw)).status).toBe(200);
    expect((await ping(b.base, raw)).status).toBe(200); // cached on both
    const actor = { type: "staff" as const, id: null, label: "support@example.test" };
    await suspendOrganization(organization.slug, { note: "fraud check", message: "Call us on 555-0100." }, actor);
    for (const base of [a.base, b.base]) {
      const r = await statusWithin(base, raw, 403);
      expect(r.status).toBe(403);
      expect(r.body.error?.message).toBe("This account is suspended: Call us on 555-0100.");
      expect(r.elapsed, `suspension reached an instance after ${r.elapsed} ms; the contract is 1000 ms`).toBeLessThan(1000);
    }
    await reinstateOrganization(organization.slug, actor);
    for (const base of [a.base, b.base]) {
      const r = await statusWithin(base, raw, 200);
      expect(r.status).toBe(200);
      expect(r.elapsed).toBeLessThan(1000);
    }
  });
});

// Shared limits need Redis (without it each instance limits on its own, by design).
describe.runIf(hasRedis)("two instances sharing Redis", () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance({ REDIS_URL }), startInstance({ REDIS_URL })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  // Named limits live where per-minute limits do: shared by every instance only through Redis.
  it("120 concurrent verifications costing 3, split over both, against 150 admit exactly 50; a shared limit binds both keys", async () => {
    const { raw, key, org, actor } = await issueKey({ plan: "ENTERPRISE" });
    await updateKey(org, key.id, { limits: [{ name: "tokens", limit: 150, window: "day" }] }, actor);
    const root = (await issueRootKey()).rawKey;
    const verify = (base: string, k: string, body: object) =>
      fetch(`${base}/keys/verify`, {
        method: "POST",
        headers: { Authorization: `Bearer ${root}`, "content-type": "application/json" },
        body: JSON.stringify({ key: k, ...body }),
      }).then(async (r) => (await r.json()).data as { valid: boolean; code: string });
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => verify([a.base, b.base][i % 2], raw, { limits: { tokens: 3 } })));
    expect(answers.filter((x) => x.valid)).toHaveLength(50);
    expect(answers.filter((x) => x.code === "RATE_LIMITED")).toHaveLength(70);

    await createIdentity(org, "cust", { limits: [{ name: "requests", limit: 40, window: "day" }] }, actor);
    const [one, two] = await Promise.all(
      ["one", "two"].map((name) => createKey(org, createKeyInputSchema.parse({ name, externalId: "cust" }), actor)),
    );
    const shared = await Promise.all(Array.from({ length: 100 }, (_, i) => verify([a.base, b.base][i % 2], i % 3 ? one.rawKey : two.rawKey, {})));
    expect(shared.filter((x) => x.valid)).toHaveLength(40);
    expect(shared.filter((x) => x.code === "RATE_LIMITED")).toHaveLength(60);
  });

  it("200 concurrent requests split over both admit exactly 100", async () => {
    const { raw } = await issueKey({ ratelimitPerMinute: 100 });
    const statuses = await burst([a.base, b.base], raw, 200);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
  });
});

describe("usage", () => {
  it("rollups and last-used appear within about a second, with no write per request", async () => {
    const instance = await startInstance({ REDIS_URL: undefined });
    try {
      const { raw, key } = await issueKey();
      const sent = Date.now();
      for (let i = 0; i < 10; i++) expect((await ping(instance.base, raw)).status).toBe(200);
      let ok = 0;
      let lastUsedAt: Date | null = null;
      // One flush writes the rollups, then the last use, in separate statements: wait for both.
      while ((ok < 10 || !lastUsedAt) && Date.now() - sent < 5000) {
        await new Promise((r) => setTimeout(r, 100));
        ok = (await db().usageRollup.findMany({ where: { keyId: key.id, period: "minute" } })).reduce((n, r) => n + r.ok, 0);
        lastUsedAt = (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
      }
      const elapsed = Date.now() - sent;
      expect(ok).toBe(10);
      // Contract: about a second behind (the flush interval); observed 1.0-1.3 s here.
      expect(elapsed, `usage appeared after ${elapsed} ms; the contract is about 1 s (bound 2000 ms)`).toBeLessThan(2000);
      expect(lastUsedAt).not.toBeNull();
    } finally {
      await instance.stop();
    }
  });

  it("SIGTERM under load loses no usage: every answered request is counted", async () => {
    const instance = await startInstance({ REDIS_URL: undefined });
    const { raw, key } = await issueKey({ plan: "PRO" });
    let answered = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const r = await ping(instance.base, raw);
          if (r.status === 200) answered++;
        } catch {
          return; // the instance is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    const exit = instance.stop();
    stop = true;
    await Promise.all(workers);
    expect(await exit).toBe(0);
    expect(answered).toBeGreaterThan(20);
    const rollups = await db().usageRollup.findMany({ where: { keyId: key.id, period: "minute" } });
    expect(rollups.reduce((n, r) => n + r.ok, 0)).toBe(answered);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });
});
