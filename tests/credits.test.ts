// Credits: remaining uses per key, spent by cost, refilled daily or monthly; 429
// USAGE_EXCEEDED at zero. (Exactness under concurrency: tests/multi-instance.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { callApi, startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

const call = (path: string, key: string, init: { method?: string; body?: unknown } = {}) => callApi(api.base, path, key, init);

describe("credits", () => {
  it("are set over the API, spent one per request, and refuse with 429 USAGE_EXCEEDED at zero", async () => {
    const { raw: admin } = await issueKey({ scopes: ["admin", "memories:read"] });
    const { key } = await issueKey();
    const own = await issueKey({ scopes: ["admin"] });
    // Another organization's key is not ours to change.
    expect((await call(`/keys/${key.id}`, own.raw, { method: "PATCH", body: { credits: 3 } })).status).toBe(404);
    const me = (await call("/ping", admin)).body.data.keyId as string;
    const set = await call(`/keys/${me}`, admin, {
      method: "PATCH",
      body: { credits: 3, creditRefill: { amount: 3, interval: "monthly" } },
    });
    expect(set.body.data).toMatchObject({ credits: 3, creditRefill: { amount: 3, interval: "monthly" } });
    // The PATCH answer was the last free request; now every one spends a credit.
    for (let left = 2; left >= 0; left--) expect((await call("/ping", admin)).status).toBe(200);
    const refused = await call("/ping", admin);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({
      code: "USAGE_EXCEEDED",
      message: "This key's credits are used up: 0 left, this request costs 1",
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = await db().auditEvent.findFirst({ where: { targetId: me, action: "key.updated" } });
    expect(audit?.metadata).toMatchObject({ changes: { credits: { from: null, to: 3 } } });
  });

  it("a gateway spends `cost` per verification and sees what is left", async () => {
    const root = (await issueRootKey()).rawKey;
    const { raw, key } = await issueKey();
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 10 } });
    const first = await call("/keys/verify", root, { body: { key: raw, cost: 4 } });
    expect(first.body.data).toMatchObject({ valid: true, code: "VALID", credits: 6 });
    expect((await call("/keys/verify", root, { body: { key: raw, cost: 7 } })).body.data).toMatchObject({
      valid: false,
      code: "USAGE_EXCEEDED",
      credits: 6,
    });
    expect((await call("/keys/verify", root, { body: { key: raw, cost: 6 } })).body.data).toMatchObject({
      valid: true,
      credits: 0,
    });
    expect((await call("/keys/verify", root, { body: { key: raw, cost: 0 } })).body.data).toMatchObject({
      valid: true,
      credits: 0,
    });
    // A key without credits reports none, and cost does not apply to it.
    const free = await issueKey();
    expect((await call("/keys/verify", root, { body: { key: free.raw, cost: 5 } })).body.data).toMatchObject({
      valid: true,
      credits: null,
    });
  });

  it("100 concurrent verifications costing 3 against 100 credits admit exactly 33 and leave 1", async () => {
    const root = (await issueRootKey()).rawKey;
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 100 } });
    const answers = await Promise.all(Array.from({ length: 100 }, () => call("/keys/verify", root, { body: { key: raw, cost: 3 } })));
    const admitted = answers.filter((a) => a.body.data.valid);
    expect(admitted).toHaveLength(33);
    // Each admitted request saw what was left after its own spend: 97, 94, … 1, each once.
    expect(admitted.map((a) => a.body.data.credits).sort((x: number, y: number) => y - x)).toEqual(Array.from({ length: 33 }, (_, i) => 97 - 3 * i));
    expect(answers.filter((a) => a.body.data.code === "USAGE_EXCEEDED").every((a) => a.body.data.credits === 1)).toBe(true);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).credits).toBe(1);
  });

  it("refill at the start of the next day (or month) to the refill amount", async () => {
    const { raw, key } = await issueKey();
    const yesterday = new Date(Date.now() - 86_400_000);
    await db().apiKey.update({
      where: { id: key.id },
      data: { credits: 0, creditRefillAmount: 10, creditRefillInterval: "daily", creditsRefilledAt: yesterday },
    });
    const root = (await issueRootKey()).rawKey;
    expect((await call("/keys/verify", root, { body: { key: raw } })).body.data).toMatchObject({ valid: true, credits: 9 });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.creditsRefilledAt!.getTime()).toBeGreaterThan(yesterday.getTime());
    // Same day: no second refill.
    expect((await call("/keys/verify", root, { body: { key: raw } })).body.data).toMatchObject({ credits: 8 });
  });

  it("bad input: negative credits or costs, a refill without credits, are 400s naming the field", async () => {
    const { raw: admin } = await issueKey({ scopes: ["admin"] });
    const me = (await call("/ping", admin)).body.data.keyId as string;
    const cases: [unknown, RegExp][] = [
      [{ credits: -1 }, /^Invalid body field 'credits': Credits cannot be negative\.$/],
      [{ credits: 1.5 }, /^Invalid body field 'credits': Credits are a whole number\.$/],
      [
        { creditRefill: { amount: 0, interval: "daily" } },
        /^Invalid body field 'creditRefill.amount': Refill at least 1 credit\.$/,
      ],
      [
        { creditRefill: { amount: 5, interval: "hourly" } },
        /^Invalid body field 'creditRefill.interval': Refill daily or monthly\.$/,
      ],
      [
        { creditRefill: { amount: 5, interval: "daily" } },
        /^Invalid body field 'creditRefill': A refill needs credits: set the credits too\.$/,
      ],
    ];
    for (const [body, message] of cases) {
      const r = await call(`/keys/${me}`, admin, { method: "PATCH", body });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(message);
    }
    const root = (await issueRootKey()).rawKey;
    const bad = await call("/keys/verify", root, { body: { key: admin, cost: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid body field 'cost': /);
  });
});
