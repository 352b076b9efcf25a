// Credits held in memory by a single instance (KEYHOUSE_SINGLE_INSTANCE=true, the default on
// the embedded database): exact, written back within a second, edits picked up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { createIdentity } from "../lib/identities/service";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, updateKey } from "../lib/keys/service";
import { creditLedger, singleInstance } from "../lib/verify/credit-ledger";
import { startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";

process.env.KEYHOUSE_SINGLE_INSTANCE = "true";

let api: Awaited<ReturnType<typeof startApiServer>>;
let root: string;
beforeAll(async () => {
  api = await startApiServer();
  root = (await issueRootKey()).rawKey;
});
afterAll(async () => {
  delete process.env.KEYHOUSE_SINGLE_INSTANCE;
  await api.close();
});

const verify = async (key: string, extra: object = {}) => {
  const res = await fetch(`${api.base}/api/v1/keys/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${root}`, "content-type": "application/json" },
    body: JSON.stringify({ key, ...extra }),
  });
  return (await res.json()).data as { valid: boolean; code: string; credits: number | null };
};
const stored = async (id: string) => (await db().apiKey.findUniqueOrThrow({ where: { id } })).credits;

describe("credits held by a single instance", () => {
  it("is the mode this file runs in", () => {
    expect(singleInstance()).toBe(true);
  });

  it("200 concurrent verifications against 60 credits admit exactly 60; the database holds 0 after the write-back", async () => {
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 60 } });
    const answers = await Promise.all(Array.from({ length: 200 }, () => verify(raw)));
    expect(answers.filter((a) => a.valid)).toHaveLength(60);
    expect(answers.filter((a) => a.code === "USAGE_EXCEEDED")).toHaveLength(140);
    await creditLedger().flush();
    expect(await stored(key.id)).toBe(0);
  });

  it("costs: 100 concurrent costing 3 against 100 admit 33 and leave 1", async () => {
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 100 } });
    const answers = await Promise.all(Array.from({ length: 100 }, () => verify(raw, { cost: 3 })));
    expect(answers.filter((a) => a.valid)).toHaveLength(33);
    await creditLedger().flush();
    expect(await stored(key.id)).toBe(1);
  });

  it("an edit is picked up at once; a change made behind its back is kept by the write-back", async () => {
    const { raw, key, org, actor } = await issueKey({ plan: "ENTERPRISE" });
    await updateKey(org, key.id, { credits: 10 }, actor);
    expect((await verify(raw)).credits).toBe(9);
    await updateKey(org, key.id, { credits: 50 }, actor);
    expect((await verify(raw)).credits).toBe(49);
    expect((await verify(raw)).credits).toBe(48);
    // Another process (the CLI) adds credits without telling this one: the write-back subtracts, never overwrites.
    await db().apiKey.update({ where: { id: key.id }, data: { credits: { increment: 100 } } });
    await creditLedger().flush();
    expect(await stored(key.id)).toBe(148);
  });

  it("another change to the key reads the balance again in the background; nothing spent meanwhile is lost", async () => {
    const { raw, key, org, actor } = await issueKey({ plan: "ENTERPRISE" });
    await updateKey(org, key.id, { credits: 100 }, actor);
    for (let i = 0; i < 10; i++) await verify(raw);
    // A change that is not about credits: the key's record is read again, and with it the balance,
    // while 40 concurrent requests keep spending.
    await updateKey(org, key.id, { name: "renamed" }, actor);
    const answers = await Promise.all(Array.from({ length: 40 }, () => verify(raw)));
    expect(answers.filter((a) => a.valid)).toHaveLength(40);
    expect(Math.min(...answers.map((a) => a.credits!))).toBe(50);
    await creditLedger().flush();
    expect(await stored(key.id)).toBe(50);
    expect((await verify(raw)).credits).toBe(49);
  });

  it("refills at the start of the UTC day, and writes the refill back", async () => {
    const { raw, key } = await issueKey();
    const yesterday = new Date(Date.now() - 86_400_000);
    await db().apiKey.update({
      where: { id: key.id },
      data: { credits: 0, creditRefillAmount: 10, creditRefillInterval: "daily", creditsRefilledAt: yesterday },
    });
    expect(await verify(raw)).toMatchObject({ valid: true, credits: 9 });
    await creditLedger().flush();
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.credits).toBe(9);
    expect(row.creditsRefilledAt!.getTime()).toBeGreaterThan(yesterday.getTime());
  });

  it("a customer's shared credits: two keys, 100 concurrent requests against 25, exactly 25", async () => {
    const { org, actor } = await issueKey({ plan: "ENTERPRISE" });
    await createIdentity(org, "shared", { credits: 25 }, actor);
    const [a, b] = await Promise.all(["a", "b"].map((name) => createKey(org, createKeyInputSchema.parse({ name, externalId: "shared" }), actor)));
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => verify(i % 2 ? a.rawKey : b.rawKey)));
    expect(answers.filter((x) => x.valid)).toHaveLength(25);
    await creditLedger().flush();
    expect((await db().identity.findFirstOrThrow({ where: { organizationId: org.id, externalId: "shared" } })).credits).toBe(0);
  });
});
