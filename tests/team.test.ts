// Team administration rules: invitations, roles, ownership, key policies, projects, deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "../lib/auth/account";
import { hashPassword } from "../lib/auth/password";
import { createSession } from "../lib/auth/sessions";
import { db } from "../lib/db/client";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, rotateKey } from "../lib/keys/service";
import { createOrganization } from "../lib/orgs/create-organization";
import { deleteOrganization, updateOrganizationSettings } from "../lib/orgs/settings";
import { acceptInvitation, emailInvitation, inviteMember, revokeInvitation } from "../lib/team/invitations";
import { changeRole, removeMember, transferOwnership, type TeamActor } from "../lib/team/members";
import { createProject, setProjectArchived } from "../lib/team/projects";
import { startApiServer } from "./helpers/api-server";
import { createMember, uniqueEmail } from "./helpers/factory";
import { issueKey } from "./helpers/keys";
import { startSmtpCapture } from "./helpers/smtp";

async function team() {
  const { user, organization } = await createMember("OWNER");
  const owner: TeamActor = { userId: user.id, email: user.email, role: "OWNER" };
  return { organization, owner };
}
async function join(organization: { id: string; slug: string }, role: "ADMIN" | "MEMBER" | "VIEWER" | "OWNER") {
  const { user } = await createMember(role, organization);
  const membership = await db().membership.findFirstOrThrow({ where: { userId: user.id } });
  return { user, membership, actor: { userId: user.id, email: user.email, role } as TeamActor };
}

describe("invitations", () => {
  it("are single-use, for one address, and refused when expired or revoked", async () => {
    const { organization, owner } = await team();
    const email = uniqueEmail();
    const { token } = await inviteMember(organization.id, { email, role: "MEMBER" }, owner);
    const stored = await db().invitation.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(stored.tokenHash).not.toBe(token); // only the hash is kept
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const stranger = await db().user.create({ data: { email: uniqueEmail() } });
    await expect(acceptInvitation(token, stranger)).rejects.toThrow("This invitation is for another address");
    const invitee = await db().user.create({ data: { email } });
    expect(await acceptInvitation(token, invitee)).toEqual({ slug: organization.slug });
    expect(await db().membership.findFirst({ where: { userId: invitee.id }, select: { role: true } })).toEqual({ role: "MEMBER" });
    await expect(acceptInvitation(token, invitee)).rejects.toThrow(/no longer valid/);

    const second = await inviteMember(organization.id, { email: uniqueEmail(), role: "VIEWER" }, owner);
    await db().invitation.updateMany({ where: { tokenHash: { not: stored.tokenHash }, organizationId: organization.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await db().user.create({ data: { email: (await db().invitation.findFirstOrThrow({ where: { id: second.invitationId } })).email } });
    await expect(acceptInvitation(second.token, late)).rejects.toThrow(/no longer valid/);

    const third = await inviteMember(organization.id, { email: late.email, role: "VIEWER" }, owner);
    await revokeInvitation(organization.id, third.invitationId, owner);
    await expect(acceptInvitation(third.token, late)).rejects.toThrow(/no longer valid/);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: { in: ["member.invited", "member.joined", "member.invitation_revoked"] } } })).toBe(5);
  });

  it("refuses an existing member, an admin inviting an owner, and a member inviting anyone", async () => {
    const { organization, owner } = await team();
    const admin = await join(organization, "ADMIN");
    const member = await join(organization, "MEMBER");
    await expect(inviteMember(organization.id, { email: member.user.email, role: "VIEWER" }, owner)).rejects.toThrow("already a member");
    await expect(inviteMember(organization.id, { email: uniqueEmail(), role: "OWNER" }, admin.actor)).rejects.toThrow("Only an owner");
    await expect(inviteMember(organization.id, { email: uniqueEmail(), role: "VIEWER" }, member.actor)).rejects.toThrow("Only owners and admins");
  });

  describe("by email", () => {
    let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
    beforeAll(async () => {
      smtp = await startSmtpCapture();
    });
    afterAll(() => smtp.stop());

    it("sends the link to the invited address when SMTP_URL is set", async () => {
      const sent = await emailInvitation({ to: "new.person@example.test", inviter: "ada@example.test", organization: "Engines", role: "ADMIN", link: "http://keys.example/invite/abc123" });
      expect(sent).toBe(true);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain("To: new.person@example.test");
      expect(smtp.messages[0]).toContain("ada@example.test invited you to Engines on Keyhouse");
      expect(smtp.messages[0]).toContain("http://keys.example/invite/abc123");
    });

    it("keeps names on one line: a name cannot add lines or headers to the message (L8)", async () => {
      await emailInvitation({ to: "x@example.test", inviter: "eve", organization: "Evil\r\nBcc: victim@example.test\n\nClick http://evil.example", role: "MEMBER", link: "http://keys.example/invite/t" });
      const message = smtp.messages.at(-1)!.replace(/=\r?\n/g, "");
      expect(message).not.toMatch(/^Bcc:/m);
      expect(message).toContain("eve invited you to join Evil Bcc: victim@example.test Click http://evil.example as member.");
    });
  });

  it("names are stored on one line, and an organization sends at most 50 invitations an hour (L8)", async () => {
    const { user } = await createMember("OWNER");
    const org = await db().$transaction((tx) => createOrganization(tx, { name: "Acme\r\nInc\u2028Ltd", ownerId: user.id }));
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe("Acme Inc Ltd");
    const owner: TeamActor = { userId: user.id, email: user.email, role: "OWNER" };
    for (let i = 0; i < 50; i++) await inviteMember(org.id, { email: uniqueEmail(), role: "MEMBER" }, owner);
    await expect(inviteMember(org.id, { email: uniqueEmail(), role: "MEMBER" }, owner)).rejects.toThrow(
      "This organization sent 50 invitations in the last hour: wait a while before sending more.",
    );
  });
});

describe("invitations after the sender loses the role (M4, L2)", () => {
  it("demotion or removal revokes the pending invitations the person sent, audited", async () => {
    for (const how of ["demote", "remove"] as const) {
      const { organization, owner } = await team();
      const admin = await join(organization, "ADMIN");
      const { token } = await inviteMember(organization.id, { email: uniqueEmail(), role: "ADMIN" }, admin.actor);
      const fromOwner = await inviteMember(organization.id, { email: uniqueEmail(), role: "MEMBER" }, owner);
      if (how === "demote") await changeRole(organization.id, admin.membership.id, "MEMBER", owner);
      else await removeMember(organization.id, admin.membership.id, owner);
      const backDoor = await db().user.create({ data: { email: (await db().invitation.findFirstOrThrow({ where: { createdById: admin.user.id } })).email } });
      await expect(acceptInvitation(token, backDoor), how).rejects.toThrow(/no longer valid/);
      expect(await db().invitation.findUniqueOrThrow({ where: { id: fromOwner.invitationId } })).toMatchObject({ revokedAt: null });
      const audit = await db().auditEvent.findFirst({ where: { organizationId: organization.id, action: "member.invitation_revoked" } });
      expect(audit?.metadata, how).toMatchObject({ reason: "its sender no longer manages the team" });
    }
  });

  it("an admin cannot cancel an owner's invitation by inviting the address again", async () => {
    const { organization, owner } = await team();
    const admin = await join(organization, "ADMIN");
    const email = uniqueEmail();
    const first = await inviteMember(organization.id, { email, role: "OWNER" }, owner);
    await expect(inviteMember(organization.id, { email, role: "VIEWER" }, admin.actor)).rejects.toThrow("Only an owner can make or change an owner.");
    expect(await db().invitation.findUniqueOrThrow({ where: { id: first.invitationId } })).toMatchObject({ revokedAt: null });
  });
});

describe("roles", () => {
  it("keeps an owner: the last one can be neither demoted nor removed; admins cannot touch owners", async () => {
    const { organization, owner } = await team();
    const self = await db().membership.findFirstOrThrow({ where: { userId: owner.userId } });
    await expect(changeRole(organization.id, self.id, "ADMIN", owner)).rejects.toThrow("needs an owner");
    await expect(removeMember(organization.id, self.id, owner)).rejects.toThrow("needs an owner");
    const admin = await join(organization, "ADMIN");
    const member = await join(organization, "MEMBER");
    await expect(changeRole(organization.id, member.membership.id, "OWNER", admin.actor)).rejects.toThrow("Only an owner");
    await expect(changeRole(organization.id, self.id, "VIEWER", admin.actor)).rejects.toThrow("Only an owner");
    await changeRole(organization.id, member.membership.id, "VIEWER", admin.actor);
    await expect(changeRole(organization.id, admin.membership.id, "VIEWER", { ...member.actor, role: "VIEWER" })).rejects.toThrow("Only owners and admins");

    await transferOwnership(organization.id, admin.membership.id, owner);
    const roles = Object.fromEntries((await db().membership.findMany({ where: { organizationId: organization.id } })).map((m) => [m.userId, m.role]));
    expect(roles[owner.userId]).toBe("ADMIN");
    expect(roles[admin.user.id]).toBe("OWNER");
    // A removed member's keys stay with the organization.
    const { key } = await createKey({ id: organization.id, plan: "FREE" }, createKeyInputSchema.parse({ name: "kept" }), { type: "user", id: member.user.id, label: member.user.email, role: "MEMBER" });
    await removeMember(organization.id, member.membership.id, { ...admin.actor, role: "OWNER" });
    expect(await db().apiKey.findUnique({ where: { id: key.id }, select: { organizationId: true, revokedAt: true } })).toEqual({ organizationId: organization.id, revokedAt: null });
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { organization, owner } = await team();
    const other = await join(organization, "OWNER");
    const mine = await db().membership.findFirstOrThrow({ where: { userId: owner.userId } });
    const results = await Promise.allSettled([
      changeRole(organization.id, mine.id, "ADMIN", other.actor),
      changeRole(organization.id, other.membership.id, "ADMIN", owner),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await db().membership.count({ where: { organizationId: organization.id, role: "OWNER" } })).toBe(1);
  });
});

describe("key policies", () => {
  it("refuses a missing or too late expiry on create, and caps a rotated key's life", async () => {
    const { organization, owner } = await team();
    await updateOrganizationSettings(organization.id, { name: "Policy org", defaultScopes: ["memories:read"], maxKeyLifetimeDays: 90, expiryRequired: false }, owner);
    const org = { id: organization.id, plan: "FREE" as const };
    const actor = { type: "user" as const, id: owner.userId, label: owner.email, role: "OWNER" as const };
    await expect(createKey(org, createKeyInputSchema.parse({ name: "forever" }), actor)).rejects.toThrow("expire within 90 days: choose an expiry");
    const late = new Date(Date.now() + 91 * 86_400_000);
    await expect(createKey(org, createKeyInputSchema.parse({ name: "late", expiresAt: late }), actor)).rejects.toThrow("choose an earlier expiry");
    const ok = await createKey(org, createKeyInputSchema.parse({ name: "ok", expiresAt: new Date(Date.now() + 30 * 86_400_000) }), actor);
    expect(ok.key.status).toBe("active");

    // A key from before the policy rotates into one that expires within 90 days.
    await updateOrganizationSettings(organization.id, { name: "Policy org", defaultScopes: ["memories:read"], maxKeyLifetimeDays: null, expiryRequired: false }, owner);
    const old = await createKey(org, createKeyInputSchema.parse({ name: "old" }), actor);
    await updateOrganizationSettings(organization.id, { name: "Policy org", defaultScopes: ["memories:read"], maxKeyLifetimeDays: 90, expiryRequired: false }, owner);
    const rotated = await rotateKey(org, old.key.id, 0, actor);
    expect(rotated.key.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90 * 86_400_000);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "org.settings_changed" } })).toBe(3);
  });
});

describe("projects and deletion", () => {
  let api: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());
  const ping = (raw: string) => fetch(`${api.base}/api/v1/ping`, { headers: { Authorization: `Bearer ${raw}` } });

  it("an archived project's keys get 403 Project archived; restored, they work", async () => {
    const { raw, organization, actor } = await issueKey();
    const owner: TeamActor = { userId: actor.id, email: actor.label, role: "OWNER" };
    const project = await createProject(organization.id, "Mobile", owner);
    await expect(createProject(organization.id, "Mobile", owner)).rejects.toThrow("exists");
    await db().apiKey.updateMany({ where: { organizationId: organization.id }, data: { projectId: project.id } });
    await setProjectArchived(organization.id, project.id, true, owner);
    const res = await ping(raw);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toEqual({ code: "FORBIDDEN", message: "Project archived" });
    await setProjectArchived(organization.id, project.id, false, owner);
    expect((await ping(raw)).status).toBe(200);
  });

  it("deleting an organization needs its name typed, revokes every key and removes every member", async () => {
    const { raw, organization, actor } = await issueKey();
    await db().organization.update({ where: { id: organization.id }, data: { name: "Doomed Inc" } });
    const owner: TeamActor = { userId: actor.id, email: actor.label, role: "OWNER" };
    await expect(deleteOrganization(organization.id, "doomed", owner)).rejects.toThrow("Type the organization's name");
    await expect(deleteOrganization(organization.id, "Doomed Inc", { ...owner, role: "ADMIN" })).rejects.toThrow("Only an owner");
    expect((await ping(raw)).status).toBe(200);
    await deleteOrganization(organization.id, "Doomed Inc", owner);
    expect((await ping(raw)).status).toBe(401);
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await db().auditEvent.findFirst({ where: { organizationId: organization.id, action: "org.deleted" }, select: { metadata: true } })).toEqual({ metadata: { name: "Doomed Inc", keysRevoked: 1 } });
  });
});

describe("account", () => {
  it("a password change needs the current password and ends every other session", async () => {
    const user = await db().user.create({ data: { email: uniqueEmail(), passwordHash: await hashPassword("correct horse battery staple 1") } });
    const mine = await createSession(user.id);
    await createSession(user.id);
    await createSession(user.id);
    await expect(changePassword(user, { currentPassword: "wrong", newPassword: "another long passphrase 22" }, mine)).rejects.toThrow("current password is not right");
    await expect(changePassword(user, { currentPassword: "correct horse battery staple 1", newPassword: "password123" }, mine)).rejects.toThrow();
    expect(await changePassword(user, { currentPassword: "correct horse battery staple 1", newPassword: "another long passphrase 22" }, mine)).toEqual({ endedSessions: 2 });
    expect(await db().session.findMany({ where: { userId: user.id }, select: { sessionToken: true } })).toEqual([{ sessionToken: mine }]);
  });
});
