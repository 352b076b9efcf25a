// The support console's domain rules: search, suspension, staff-only notes, staff actions.
import { describe, expect, it } from "vitest";
import { getAuditEvents, auditQuerySchema } from "../lib/audit/queries";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import { checksum, generateKey } from "../lib/keys/format";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey, revokeKey, rotateKey } from "../lib/keys/service";
import { reinstateOrganization, suspendOrganization } from "../lib/orgs/suspension";
import { getAccountForStaff, revokeKeyAsStaff } from "../lib/support/account";
import { findKeyOwner, searchAccounts, WHOLE_KEY_IN_URL } from "../lib/support/search";
import { PROFILE_IDS } from "../lib/profiles/catalog";
import { findUsersByEmailPrefix, getStaffMembers, getUserForStaff } from "../lib/support/users";
import { getRootKeys } from "../lib/keys/root";
import { recordSignInAttempt } from "../lib/auth/throttle";
import { unlockSignIn } from "../lib/auth/authenticate";
import { recordStaffView } from "../lib/support/views";
import { createMember, unique } from "./helpers/factory";
import { issueKey, issueRootKey } from "./helpers/keys";

const staffActor = async () => {
  const user = await db().user.create({ data: { email: `${unique("staff")}@example.test`, staffRole: "SUPPORT" } });
  return { type: "staff" as const, id: user.id, label: user.email, user };
};
const allQuery = auditQuerySchema.parse({});
/** Whoever the support functions are called for: a support agent here. */
const AGENT = { id: "agent", email: "agent@example.test", staffRole: "SUPPORT" as const };

describe("support search", () => {
  it("finds one account among 10,000 by name prefix, slug, member email, hint, key id and a pasted key", async () => {
    const tag = unique("bulk").replace("-", "");
    await db().organization.createMany({
      data: Array.from({ length: 10_000 }, (_, i) => ({ name: `${tag} Org ${i}`, slug: `${tag}-org-${i}` })),
    });
    const { raw, key, organization, actor } = await issueKey({ name: "Leaky" });
    await db().organization.update({ where: { id: organization.id }, data: { name: `Zebra ${tag}` } });
    const ownerEmail = actor.label;

    const ids = async (q: string) => (await searchAccounts(AGENT, q)).hits.map((h) => h.id);
    expect(await ids(`zebra ${tag}`)).toEqual([organization.id]); // case-insensitive name prefix
    expect(await ids(organization.slug)).toEqual([organization.id]);
    expect(await ids(ownerEmail.slice(0, 12))).toContain(organization.id);
    expect(await ids(key.hint)).toEqual([organization.id]);
    // The hint typed with ASCII dots, or only its beginning (#36).
    expect(await ids(key.hint.replace("…", "..."))).toEqual([organization.id]);
    expect(await ids(key.hint.slice(0, key.hint.indexOf("…")))).toEqual([organization.id]);
    expect(await ids(key.id)).toEqual([organization.id]);
    expect(await ids(organization.id)).toEqual([organization.id]);
    // A whole key is looked up by POST (findKeyOwner), never from a URL's query (M3).
    expect(await searchAccounts(AGENT, raw)).toEqual({ hits: [], notice: WHOLE_KEY_IN_URL });
    expect(await findKeyOwner(AGENT, raw)).toEqual({ organizationId: organization.id, keyId: key.id, hint: key.hint, name: "Leaky" });
    // The bulk: prefix search is capped at 50 rows.
    expect(await ids(`${tag} org 1`)).toHaveLength(50);
  });

  it("says so when a pasted key has a wrong checksum, or is a root key", async () => {
    const raw = generateKey("live");
    const broken = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
    expect(await findKeyOwner(AGENT, broken)).toEqual({ notice: expect.stringContaining("checksum is wrong") });
    expect(await findKeyOwner(AGENT, raw)).toMatchObject({ notice: expect.stringMatching(/No key with this value/) });
    const root = await issueRootKey();
    expect(await findKeyOwner(AGENT, root.rawKey)).toMatchObject({ notice: expect.stringMatching(/root key/) });
    // Every profile's keys, and an older Keyhouse's, are refused from a URL.
    for (const profile of PROFILE_IDS) expect((await searchAccounts(AGENT, generateKey("live", profile))).notice, profile).toBe(WHOLE_KEY_IN_URL);
    const legacyBody = `kh_live_${"a1B2c3D4".repeat(4)}`;
    expect((await searchAccounts(AGENT, legacyBody + checksum(legacyBody))).notice).toBe(WHOLE_KEY_IN_URL);
  });

  it("treats wildcards and SQL-looking text as plain text, and refuses very long input", async () => {
    const { organization } = await createMember("OWNER");
    await db().organization.update({ where: { id: organization.id }, data: { name: `100%_done ${unique()}` } });
    expect((await searchAccounts(AGENT, "100%_done")).hits.map((h) => h.id)).toContain(organization.id);
    expect((await searchAccounts(AGENT, "%")).hits).toEqual([]); // no org name starts with a literal %
    expect((await searchAccounts(AGENT, "_")).hits).toEqual([]);
    expect(await searchAccounts(AGENT, "x'; DROP TABLE \"Organization\"; --")).toEqual({ hits: [] });
    expect((await searchAccounts(AGENT, "a".repeat(201))).notice).toMatch(/at most 200/);
    // A NUL (which PostgreSQL cannot take) is explained, never a 500 (L5).
    expect((await searchAccounts(AGENT, "a\u0000b")).notice).toMatch(/cannot be searched/);
    expect(await findUsersByEmailPrefix(AGENT, "a\u0000")).toEqual([]);
    expect(await db().organization.count()).toBeGreaterThan(0);
  });
});

describe("suspension", () => {
  it("is idempotent, keeps the note staff-only, refuses new secrets but allows revoking", async () => {
    const { raw: _raw, key, org, organization, actor } = await issueKey();
    const staff = await staffActor();
    expect(await suspendOrganization(organization.slug, { note: "chargeback #123", message: "Billing problem: write to us." }, staff)).toBe(true);
    expect(await suspendOrganization(organization.slug, { note: "again" }, staff)).toBe(false);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id, action: "org.suspended" } });
    expect(events).toHaveLength(1);
    expect(events[0].actorType).toBe("staff");

    const customer = await getAuditEvents({ organizationId: organization.id, audience: "customer" }, allQuery);
    const seen = customer.rows.find((r) => r.action === "org.suspended")!;
    expect(seen.metadata).toEqual({ message: "Billing problem: write to us." });
    const staffView = await getAuditEvents({ organizationId: organization.id, audience: "staff", staff: AGENT }, allQuery);
    expect(staffView.rows.find((r) => r.action === "org.suspended")!.metadata).toMatchObject({ internalNote: "chargeback #123" });

    const account = await getAccountForStaff(AGENT, organization.id);
    expect(account).toMatchObject({ suspendedReason: "chargeback #123", suspendedMessage: "Billing problem: write to us.", suspendedByEmail: staff.label });

    const input = createKeyInputSchema.parse({ name: "during suspension" });
    await expect(createKey(org, input, actor)).rejects.toThrow(/suspended/);
    await expect(rotateKey(org, key.id, 0, actor)).rejects.toThrow(/suspended/);
    expect((await revokeKey(org, key.id, "cleanup", actor)).status).toBe("revoked");

    expect(await reinstateOrganization(organization.slug, staff)).toBe(true);
    expect(await reinstateOrganization(organization.slug, staff)).toBe(false);
    expect((await createKey(org, input, actor)).key.status).toBe("active");
  });

  it("requires an internal note", async () => {
    const { organization } = await createMember("OWNER");
    const staff = await staffActor();
    await expect(suspendOrganization(organization.slug, { note: "  " }, staff)).rejects.toBeInstanceOf(DomainError);
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).suspendedAt).toBeNull();
  });
});

describe("support data refuses anyone but staff, whatever page calls it", () => {
  it("answers NOT_FOUND to a customer and to a support agent asking for admin data", async () => {
    const { organization, user } = await createMember("OWNER");
    const customer = { id: user.id, email: user.email, staffRole: null };
    const refused = { code: "NOT_FOUND" };
    // @ts-expect-error a customer is not staff: the type says so, and so does the check at run time
    await expect(searchAccounts(customer, organization.slug)).rejects.toMatchObject(refused);
    // @ts-expect-error as above
    await expect(getAccountForStaff(customer, organization.id)).rejects.toMatchObject(refused);
    // @ts-expect-error as above
    await expect(findUsersByEmailPrefix(customer, user.email)).rejects.toMatchObject(refused);
    // @ts-expect-error as above
    await expect(getUserForStaff(customer, user.id)).rejects.toMatchObject(refused);
    // @ts-expect-error as above
    await expect(getStaffMembers(customer)).rejects.toMatchObject(refused);
    // @ts-expect-error as above
    await expect(getAuditEvents({ staffActions: true, staff: customer }, allQuery)).rejects.toMatchObject(refused);
    await expect(getRootKeys(AGENT)).rejects.toMatchObject(refused);
    expect(await getRootKeys({ ...AGENT, staffRole: "ADMIN" })).toEqual(expect.any(Array));
  });
});

describe("sign-in locks as support sees them (#36)", () => {
  it("lists the per-address lock a new-device check would miss, and Unlock lifts it", async () => {
    const { user } = await createMember("OWNER");
    for (let i = 0; i < 10; i++) await recordSignInAttempt(user.email, "198.51.100.77", false);
    const locked = await getUserForStaff(AGENT, user.id);
    expect(locked!.locks).toContainEqual({ scope: "account-address", ip: "198.51.100.77", retryAfterSeconds: expect.any(Number) });
    await unlockSignIn(user.id, { type: "staff", id: AGENT.id, label: AGENT.email });
    expect((await getUserForStaff(AGENT, user.id))!.locks).toEqual([]);
  });
});

describe("staff actions", () => {
  it("records a view as customer once per 10 minutes, and a staff revoke with its reason", async () => {
    const { key, organization } = await issueKey();
    const staff = await staffActor();
    await recordStaffView(staff.user, organization.id, {});
    await recordStaffView(staff.user, organization.id, {});
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "support.viewed" } })).toBe(1);

    const revoked = await revokeKeyAsStaff(organization.id, key.id, "leaked on GitHub", staff, {});
    expect(revoked).toMatchObject({ status: "revoked", revokedReason: "support: leaked on GitHub" });
    const staffEvents = await getAuditEvents({ staffActions: true, staff: AGENT }, auditQuerySchema.parse({ staff: staff.id }));
    expect(staffEvents.rows.map((r) => r.action).sort()).toEqual(["key.revoked", "support.viewed"]);
  });

  it("staff cannot issue keys through the service", async () => {
    const { org } = await issueKey();
    const staff = await staffActor();
    await expect(createKey(org, createKeyInputSchema.parse({ name: "x" }), staff)).rejects.toThrow(/Support staff cannot issue keys/);
  });
});
