import { describe, expect, it } from "vitest";
import type { MemberRole } from "@prisma/client";
import { createMember } from "../../tests/helpers/factory";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { hashKey } from "./format";
import { createKeyInputSchema } from "./schemas";
import { createKey, revokeKey, rotateKey, updateKey, type KeyActor } from "./service";

async function setup(role: MemberRole = "OWNER") {
  const { user, organization } = await createMember(role);
  const org = { id: organization.id, plan: "FREE" as const };
  const actor: KeyActor = { type: "user", id: user.id, label: user.email, role };
  return { org, actor, user, organization };
}

const input = (patch: Record<string, unknown> = {}) => createKeyInputSchema.parse({ name: "Backend", ...patch });

async function expectDomainError(p: Promise<unknown>, code: string, message?: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (message) expect((err as DomainError).message).toMatch(message);
}

describe("createKey", () => {
  it("stores only the hash and hint, returns the raw key once, audits", async () => {
    const { org, actor } = await setup();
    const { key, rawKey } = await createKey(org, input(), actor, { ip: "1.2.3.4", userAgent: "test" });
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashKey(rawKey));
    expect(JSON.stringify(row)).not.toContain(rawKey.slice(8));
    expect(row.scopes).toEqual(["memories:read", "memories:write", "search:read"]);
    expect(key.status).toBe("active");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: key.id, action: "key.created" } });
    expect(audit).toMatchObject({ ip: "1.2.3.4", userAgent: "test", actorId: actor.id });
    expect(JSON.stringify(audit)).not.toContain(rawKey.slice(8));
  });

  it("refuses a duplicate active name, but allows it again once the first is revoked", async () => {
    const { org, actor } = await setup();
    const first = await createKey(org, input(), actor);
    await expectDomainError(createKey(org, input({ name: " Backend " }), actor), "CONFLICT", /already exists/);
    await revokeKey(org, first.key.id, undefined, actor);
    await expect(createKey(org, input(), actor)).resolves.toBeTruthy();
  });

  it("says so when the name belongs to an expired key", async () => {
    const { org, actor } = await setup();
    const old = await createKey(org, input({ name: "old" }), actor);
    await db().apiKey.update({ where: { id: old.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectDomainError(createKey(org, input({ name: "old" }), actor), "CONFLICT", /An expired key is still named "old"/);
  });

  it("refuses a limit above the plan's and a project of another organization, writing nothing", async () => {
    const { org, actor } = await setup();
    const other = await setup();
    const project = await db().project.create({ data: { organizationId: other.org.id, name: "theirs" } });
    await expectDomainError(createKey(org, input({ ratelimitPerMinute: 101 }), actor), "INVALID", /at most 100/);
    await expectDomainError(createKey(org, input({ projectId: project.id }), actor), "INVALID", /Unknown project/);
    expect(await db().apiKey.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("refuses unknown scopes, empty and long names, past expiry (schema)", () => {
    expect(createKeyInputSchema.safeParse({ name: "x", scopes: ["memories:delete"] }).error?.issues[0].message).toBe(
      "Unknown scope: memories:delete",
    );
    expect(createKeyInputSchema.safeParse({ name: "  " }).success).toBe(false);
    expect(createKeyInputSchema.safeParse({ name: "x".repeat(65) }).success).toBe(false);
    expect(createKeyInputSchema.safeParse({ name: "x", expiresAt: new Date(Date.now() - 1000) }).error?.issues[0].message).toBe(
      "The expiry must be in the future.",
    );
  });

  it("a viewer cannot create keys", async () => {
    const { org, actor } = await setup("VIEWER");
    await expectDomainError(createKey(org, input(), actor), "FORBIDDEN");
  });
});

describe("rotateKey", () => {
  it("issues a successor with the same settings; the old key is rotating until the grace ends", async () => {
    const { org, actor } = await setup();
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const { key } = await createKey(
      org,
      input({ scopes: ["search:read"], environment: "test", expiresAt, ratelimitPerMinute: 50 }),
      actor,
    );
    const { key: next, rawKey, previous } = await rotateKey(org, key.id, 3600, actor);
    expect(rawKey).toMatch(/^mos_test_/);
    expect(next).toMatchObject({
      name: key.name,
      scopes: ["search:read"],
      environment: "test",
      expiresAt,
      ratelimitPerMinute: 50,
      rotatedFromId: key.id,
      status: "active",
    });
    expect(previous.status).toBe("rotating");
    expect(previous.graceEndsAt!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(previous.rotatedToId).toBe(next.id);
  });

  it("a grace window never outlives the key's expiry; none revokes at once", async () => {
    const { org, actor } = await setup();
    const expiresAt = new Date(Date.now() + 60_000);
    const a = await createKey(org, input({ name: "a", expiresAt }), actor);
    expect((await rotateKey(org, a.key.id, 86_400, actor)).previous.graceEndsAt).toEqual(expiresAt);
    const b = await createKey(org, input({ name: "b" }), actor);
    expect((await rotateKey(org, b.key.id, 0, actor)).previous.status).toBe("revoked");
  });

  it("two concurrent rotations make exactly one successor", async () => {
    const { org, actor } = await setup();
    const { key } = await createKey(org, input(), actor);
    const results = await Promise.allSettled([rotateKey(org, key.id, 60, actor), rotateKey(org, key.id, 60, actor)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().apiKey.count({ where: { rotatedFromId: key.id } })).toBe(1);
  });

  it("a revoked key cannot be rotated", async () => {
    const { org, actor } = await setup();
    const { key } = await createKey(org, input(), actor);
    await revokeKey(org, key.id, "leaked", actor);
    await expectDomainError(rotateKey(org, key.id, 0, actor), "CONFLICT", /revoked/);
  });
});

describe("revokeKey", () => {
  it("is immediate, records the reason, and revoking twice answers the same", async () => {
    const { org, actor } = await setup();
    const { key } = await createKey(org, input(), actor);
    const first = await revokeKey(org, key.id, "leaked in a log", actor);
    const second = await revokeKey(org, key.id, "again", actor);
    expect(first.status).toBe("revoked");
    expect(second).toEqual(first);
    expect(await db().auditEvent.count({ where: { targetId: key.id, action: "key.revoked" } })).toBe(1);
  });

  it("revoking a rotating key ends its grace window now", async () => {
    const { org, actor } = await setup();
    const { key } = await createKey(org, input(), actor);
    await rotateKey(org, key.id, 86_400, actor);
    expect((await revokeKey(org, key.id, undefined, actor)).status).toBe("revoked");
  });
});

describe("who may change which key", () => {
  it("another organization's key id answers NOT_FOUND and changes nothing", async () => {
    const mine = await setup();
    const theirs = await setup();
    const { key } = await createKey(theirs.org, input(), theirs.actor);
    await expectDomainError(revokeKey(mine.org, key.id, undefined, mine.actor), "NOT_FOUND");
    await expectDomainError(rotateKey(mine.org, key.id, 0, mine.actor), "NOT_FOUND");
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });

  it("a member changes their own keys only; an admin changes anyone's", async () => {
    const owner = await setup();
    const member = await createMember("MEMBER", owner.organization);
    const admin = await createMember("ADMIN", owner.organization);
    const memberActor: KeyActor = { type: "user", id: member.user.id, label: member.user.email, role: "MEMBER" };
    const adminActor: KeyActor = { type: "user", id: admin.user.id, label: admin.user.email, role: "ADMIN" };
    const ownersKey = await createKey(owner.org, input({ name: "owner's" }), owner.actor);
    const membersKey = await createKey(owner.org, input({ name: "member's" }), memberActor);
    await expectDomainError(
      revokeKey(owner.org, ownersKey.key.id, undefined, memberActor),
      "FORBIDDEN",
      /only change keys they created/,
    );
    await expect(rotateKey(owner.org, membersKey.key.id, 0, memberActor)).resolves.toBeTruthy();
    await expect(revokeKey(owner.org, ownersKey.key.id, undefined, adminActor)).resolves.toMatchObject({ status: "revoked" });
  });
});

describe("updateKey", () => {
  it("changes name, scopes, expiry and limit, audits the before and after, and keeps the same rules as create", async () => {
    const { org, actor, organization } = await setup("MEMBER");
    const { key } = await createKey(org, input({ scopes: ["memories:read"] }), actor);
    const later = new Date(Date.now() + 10 * 86_400_000);
    const updated = await updateKey(org, key.id, { name: "Renamed", scopes: ["memories:read", "search:read"], expiresAt: later, ratelimitPerMinute: 30 }, actor);
    expect(updated).toMatchObject({ name: "Renamed", scopes: ["memories:read", "search:read"], ratelimitPerMinute: 30, status: "active" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "key.updated" } });
    expect(event.metadata).toMatchObject({ changes: { name: { from: "Backend", to: "Renamed" }, ratelimitPerMinute: { from: null, to: 30 } } });

    await expectDomainError(updateKey(org, key.id, { scopes: ["admin"] }, actor), "FORBIDDEN", /Only admins and owners/);
    await expectDomainError(updateKey(org, key.id, { ratelimitPerMinute: 1_000_000 }, actor), "INVALID", /plan allows/);
    await createKey(org, input({ name: "Other" }), actor);
    await expectDomainError(updateKey(org, key.id, { name: "Other" }, actor), "CONFLICT", /already exists/);
    // Unchanged input writes no event.
    await updateKey(org, key.id, { name: "Renamed" }, actor);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "key.updated" } })).toBe(1);
    await revokeKey(org, key.id, undefined, actor);
    await expectDomainError(updateKey(org, key.id, { name: "Again" }, actor), "CONFLICT", /revoked/);
  });
});

describe("what callers get back", () => {
  it("never includes the hash", async () => {
    const { org, actor } = await setup();
    const issued = await createKey(org, input(), actor);
    const revoked = await revokeKey(org, issued.key.id, undefined, actor);
    expect(Object.keys(issued.key)).not.toContain("hash");
    expect(Object.keys(revoked)).not.toContain("hash");
  });
});
