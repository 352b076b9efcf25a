import { describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { verifyPassword } from "../lib/auth/password";
import { uniqueEmail } from "./helpers/factory";

import { keyhouse } from "./helpers/cli";

describe("operator CLI", () => {
  it("users create prints only the password, creates a staff user and audits it as cli", async () => {
    const email = uniqueEmail();
    const r = await keyhouse("users", "create", "--email", email.toUpperCase(), "--staff", "support");
    expect(r.code).toBe(0);
    const password = r.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.staffRole).toBe("SUPPORT");
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { targetId: user.id, action: "user.created" } });
    expect(audit).toMatchObject({ actorType: "cli", actorLabel: "cli" });
  });

  it("users unlock forgets an account's failed sign-ins, audited as cli", async () => {
    const email = uniqueEmail();
    const user = await db().user.create({ data: { email } });
    expect(await keyhouse("users", "unlock", email)).toMatchObject({ code: 0, stdout: "" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).signInUnlockedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { targetId: user.id, action: "user.signin_unlocked", actorType: "cli" } })).toBe(1);
    expect(await keyhouse("users", "unlock", uniqueEmail())).toMatchObject({ code: 2, stderr: expect.stringContaining("no user") });
  });

  it("refuses bad input with exit code 2 and a message", async () => {
    expect(await keyhouse("users", "create", "--email", "nope")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("valid email"),
    });
    expect(await keyhouse("users", "create", "--email", uniqueEmail(), "--staff", "GOD")).toMatchObject({ code: 2 });
    expect(await keyhouse("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("Usage") });
  });
});

describe("operator CLI: keys and organizations", () => {
  it("keys create --org prints only a working key; keys revoke revokes it; both audited as cli", async () => {
    const { organization } = await (await import("./helpers/factory")).createMember("OWNER");
    const r = await keyhouse(
      "keys",
      "create",
      "--org",
      organization.slug,
      "--name",
      "from-cli",
      "--scopes",
      "memories:read,search:read",
      "--env",
      "test",
    );
    expect(r.code).toBe(0);
    const raw = r.stdout.trim();
    expect(raw).toMatch(/^mos_test_[0-9A-Za-z]{38}$/);
    const key = await db().apiKey.findFirstOrThrow({ where: { organizationId: organization.id, name: "from-cli" } });
    expect(key.scopes).toEqual(["memories:read", "search:read"]);
    expect(await keyhouse("keys", "revoke", key.id)).toMatchObject({ code: 0 });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    const actions = await db().auditEvent.findMany({ where: { targetId: key.id }, select: { action: true, actorType: true } });
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "key.created", actorType: "cli" },
        { action: "key.revoked", actorType: "cli" },
      ]),
    );
  });

  it("keys create --root makes a deployment key with keys:verify only", async () => {
    const r = await keyhouse("keys", "create", "--root", "--name", "gateway");
    expect(r.code).toBe(0);
    const key = await db().apiKey.findFirstOrThrow({
      where: { organizationId: null, name: "gateway" },
      orderBy: { createdAt: "desc" },
    });
    expect(key.scopes).toEqual(["keys:verify"]);
    expect(r.stdout.trim()).toMatch(/^mos_live_/);
  });

  it("orgs suspend and reinstate, with a reason required", async () => {
    const { organization } = await (await import("./helpers/factory")).createMember("OWNER");
    expect(await keyhouse("orgs", "suspend", organization.slug)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("reason"),
    });
    expect(await keyhouse("orgs", "suspend", organization.slug, "--reason", "fraud")).toMatchObject({ code: 0 });
    expect(await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).toMatchObject({
      suspendedReason: "fraud",
    });
    expect(await keyhouse("orgs", "reinstate", organization.slug)).toMatchObject({ code: 0 });
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).suspendedAt).toBeNull();
    expect(await keyhouse("orgs", "suspend", "no-such-org", "--reason", "x")).toMatchObject({ code: 2 });
    expect(await keyhouse("keys", "create", "--org", "no-such-org", "--name", "x")).toMatchObject({ code: 2 });
  });
});
