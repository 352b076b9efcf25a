import { describe, expect, it } from "vitest";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { getKeyDetailForOrg, getKeysForOrg, keysQuerySchema } from "./queries";
import { createKeyInputSchema } from "./schemas";
import { createKey, revokeKey, rotateKey, type KeyActor } from "./service";

async function orgWithKeys() {
  const { user, organization } = await createMember("OWNER");
  const org = { id: organization.id, plan: "FREE" as const };
  const actor: KeyActor = { type: "user", id: user.id, label: user.email, role: "OWNER" };
  const make = (name: string, patch: Record<string, unknown> = {}) =>
    createKey(org, createKeyInputSchema.parse({ name, ...patch }), actor);
  const alpha = await make("alpha");
  const beta = await make("beta", { environment: "test", scopes: ["*"] });
  const gamma = await make("gamma");
  await revokeKey(org, gamma.key.id, undefined, actor);
  const delta = await make("delta");
  await rotateKey(org, delta.key.id, 3600, actor);
  await db().apiKey.update({ where: { id: alpha.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  return {
    org,
    names: (q: Record<string, string>) => getKeysForOrg(org.id, keysQuerySchema.parse(q)).then((r) => r.rows.map((k) => k.name)),
    alpha,
    beta,
  };
}

describe("getKeysForOrg", () => {
  it("filters by status, environment, scope and text", async () => {
    const { names } = await orgWithKeys();
    expect(await names({ status: "active", sort: "name", dir: "asc" })).toEqual(["beta", "delta"]);
    expect(await names({ status: "expired" })).toEqual(["alpha"]);
    expect(await names({ status: "revoked" })).toEqual(["gamma"]);
    expect(await names({ status: "rotating" })).toEqual(["delta"]);
    expect(await names({ environment: "test" })).toEqual(["beta"]);
    expect(await names({ scope: "*" })).toEqual(["beta"]);
    expect(await names({ q: "ALP", status: "all" })).toEqual(["alpha"]);
    // Without a status, the usable preset: revoked and expired keys are hidden.
    expect((await names({ sort: "name", dir: "asc" })).sort()).toEqual(["beta", "delta", "delta"]);
    expect(await names({ q: "ALP" })).toEqual([]);
  });

  it("clamps a page past the end to the last page", async () => {
    const { org } = await orgWithKeys();
    const result = await getKeysForOrg(org.id, keysQuerySchema.parse({ status: "all", pageSize: "10", page: "999" }));
    expect(result.page).toBe(1);
    expect(result.rows).toHaveLength(5);
  });

  it("sorts and paginates with a total", async () => {
    const { org } = await orgWithKeys();
    const page1 = await getKeysForOrg(org.id, keysQuerySchema.parse({ sort: "name", dir: "asc", pageSize: "10", status: "all" }));
    expect(page1.total).toBe(5);
    expect(page1.rows.map((k) => k.name)).toEqual(["alpha", "beta", "delta", "delta", "gamma"]);
    const desc = await getKeysForOrg(org.id, keysQuerySchema.parse({ sort: "name", dir: "desc", status: "all" }));
    expect(desc.rows[0].name).toBe("gamma");
  });

  it("ignores bad URL values instead of failing", () => {
    expect(
      keysQuerySchema.parse({ page: "-3", pageSize: "7", sort: "hash", dir: "sideways", status: ["a", "b"], scope: "root" }),
    ).toMatchObject({
      page: 1,
      pageSize: 25,
      sort: "createdAt",
      dir: "desc",
      status: undefined,
      scope: undefined,
    });
  });

  it("never shows another organization's keys", async () => {
    const mine = await orgWithKeys();
    const theirs = await orgWithKeys();
    const rows = (await getKeysForOrg(mine.org.id, keysQuerySchema.parse({}))).rows;
    expect(rows.map((k) => k.id)).not.toContain(theirs.beta.key.id);
    expect(await getKeyDetailForOrg(mine.org.id, theirs.beta.key.id)).toBeNull();
  });
});
