// Every page, route handler and server action under app/, asked by everyone who should not see
// one organization's data: no response body, whatever its status, holds a marker planted in
// that data. Layouts are not a security boundary: each page and action must check for itself.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { generateKey, hashKey, keyHint } from "../lib/keys/format";
import { addMember, addOwner, addStaff, db } from "./db";
import { forgeServerAction, serverActions, signInWithRequest } from "./helpers";

const CUSTOMER_MARK = `cmk${randomBytes(6).toString("hex")}`; // the organization's own data
const INVITE_TOKEN = `tok${randomBytes(12).toString("hex")}`;
const STAFF_MARK = `smk${randomBytes(6).toString("hex")}`; // what only staff may read

type Persona = "visitor" | "forgedCookie" | "otherCustomer" | "member" | "viewer" | "support";
const PERSONAS: Persona[] = ["visitor", "forgedCookie", "otherCustomer", "member", "viewer", "support"];

/** Page and route files under app/, as URL templates ("/[org]/keys/[keyId]"). */
function appRoutes(dir = "app", prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) continue; // private folders are not routes
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      out.push(...appRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (/^(page|route)\.tsx?$/.test(entry.name)) out.push(prefix || "/");
  }
  return out;
}

async function signedIn(email: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await signInWithRequest(ctx, email);
  return ctx;
}

async function plantTarget() {
  const owner = await addOwner(`Target ${CUSTOMER_MARK}`);
  // The slug goes into URLs the caller writes: it must not carry the marker itself.
  const org = await db().organization.update({ where: { slug: owner.orgSlug }, data: { slug: `walk-${randomBytes(4).toString("hex")}` } });
  const ownerUser = await db().user.findUniqueOrThrow({ where: { email: owner.email } });
  const raw = generateKey("live");
  const key = await db().apiKey.create({
    data: { organizationId: org.id, name: `key ${CUSTOMER_MARK}`, environment: "live", scopes: ["memories:read"], hash: hashKey(raw), hint: keyHint(raw), createdById: ownerUser.id },
  });
  await db().user.update({ where: { id: ownerUser.id }, data: { name: `Owner ${CUSTOMER_MARK}` } });
  // Staff-only: an internal note, and a sign-in's user agent (sign-ins belong to no organization).
  await db().auditEvent.create({
    data: { organizationId: org.id, action: "org.reinstated", actorType: "staff", actorLabel: "staff@example.test", metadata: { internalNote: `note ${STAFF_MARK}` } },
  });
  await db().auditEvent.create({
    data: { action: "auth.signin", actorType: "user", actorId: ownerUser.id, actorLabel: owner.email, targetType: "user", targetId: ownerUser.id, ip: "203.0.113.9", userAgent: `agent ${STAFF_MARK}` },
  });
  const invitee = `invitee-${CUSTOMER_MARK}@example.test`;
  await db().invitation.create({
    data: { organizationId: org.id, email: invitee, role: "ADMIN", tokenHash: createHash("sha256").update(INVITE_TOKEN).digest("hex"), createdById: ownerUser.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return { org, ownerUser, ownerEmail: owner.email, key };
}

/** What the target's data looks like, to tell whether a refused call changed anything. */
async function fingerprint(orgId: string) {
  const [org, keys, members, audit, invitations, projects] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId } }),
    db().apiKey.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" } }),
    db().membership.findMany({ where: { organizationId: orgId }, orderBy: { userId: "asc" } }),
    db().auditEvent.count({ where: { organizationId: orgId } }),
    db().invitation.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" } }),
    db().project.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ org, keys, members, audit, invitations, projects });
}

test("no page, route or server action shows one organization's data to anyone not entitled to it", async () => {
  test.setTimeout(300_000);
  const target = await plantTarget();
  const member = await addMember(target.org.slug, "MEMBER");
  const viewer = await addMember(target.org.slug, "VIEWER");
  const staff = await addStaff("SUPPORT");
  const other = await addOwner("Other customer");
  const contexts: Record<Persona, APIRequestContext> = {
    visitor: await playwrightRequest.newContext({ baseURL: BASE_URL }),
    forgedCookie: await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { cookie: "next-auth.session-token=x" } }),
    otherCustomer: await signedIn(other.email),
    member: await signedIn(member.email),
    viewer: await signedIn(viewer.email),
    support: await signedIn(staff.email),
  };
  const params: Record<string, string> = {
    "[org]": target.org.slug,
    "[keyId]": target.key.id,
    "[orgId]": target.org.id,
    "[userId]": target.ownerUser.id,
    "[token]": INVITE_TOKEN,
    "[...nextauth]": "session",
  };
  const search = `?q=${encodeURIComponent(target.org.slug)}&email=${encodeURIComponent(target.ownerEmail)}`;

  const routes = appRoutes();
  expect(routes).toContain("/support/users/[userId]");
  let checked = 0;
  for (const template of routes) {
    const url = template.replace(/\[[^\]]+\]/g, (p) => {
      expect(params[p], `a value for ${p} in ${template}`).toBeDefined();
      return params[p];
    });
    const support = template.startsWith("/support");
    for (const persona of PERSONAS) {
      // The organization's own people see its name everywhere (the switcher); staff see it on support pages.
      // Whoever holds an invitation link may see which organization it is for.
      const mayReadCustomer =
        template === "/invite/[token]" || (support ? persona === "support" : ["member", "viewer", "support"].includes(persona));
      const mayReadStaff = support && persona === "support";
      for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
        const res = await contexts[persona].get(url + search, { headers, maxRedirects: 0 });
        const body = await res.text();
        const where = `${persona} GET ${url} ${JSON.stringify(headers)} → ${res.status()}`;
        expect(res.status(), where).toBeLessThan(500);
        if (!mayReadCustomer) expect(body.includes(CUSTOMER_MARK), `${where} shows the organization's data`).toBe(false);
        if (!mayReadStaff) expect(body.includes(STAFF_MARK), `${where} shows staff-only data`).toBe(false);
        checked++;
      }
    }
  }
  // Entitled readers do see the markers: the walk would notice a page that stopped rendering.
  expect(await (await contexts.member.get(`/${target.org.slug}/keys`)).text()).toContain(CUSTOMER_MARK);
  expect(await (await contexts.support.get(`/support/orgs/${target.org.id}`)).text()).toContain(STAFF_MARK);

  // Every server action, forged with the target's identifiers, by everyone outside the target.
  const fields: Record<string, string> = {
    org: target.org.slug,
    slug: target.org.slug,
    orgId: target.org.id,
    organizationId: target.org.id,
    keyId: target.key.id,
    id: target.key.id,
    userId: target.ownerUser.id,
    invitationId: "x",
    name: "forged name",
    note: "forged",
    reason: "forged",
    message: "forged",
    role: "VIEWER",
    plan: "ENTERPRISE",
    confirm: target.org.slug,
  };
  const before = await fingerprint(target.org.id);
  const actions = Object.entries(serverActions());
  expect(actions.length).toBeGreaterThan(20);
  for (const [id, action] of actions) {
    const page = Object.keys(action.workers)[0].replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "");
    const pageUrl = page.replace(/^app/, "").replace(/\[[^\]]+\]/g, (p) => params[p] ?? "x") || "/";
    const supportAction = action.filename?.startsWith("app/(support)");
    const outsiders: Persona[] = supportAction ? ["visitor", "forgedCookie", "otherCustomer", "member", "viewer"] : ["visitor", "forgedCookie", "otherCustomer"];
    for (const persona of outsiders) {
      const res = await forgeServerAction(contexts[persona], id, pageUrl, fields, { maxRedirects: 0 });
      const body = await res.text();
      const where = `${persona} → ${action.filename}#${action.exportedName} → ${res.status()}`;
      expect(res.status(), where).toBeLessThan(500);
      expect(body.includes(STAFF_MARK), `${where} shows staff-only data`).toBe(false);
      expect(body.includes(CUSTOMER_MARK), `${where} shows the organization's data`).toBe(false);
      checked++;
    }
  }
  expect(await fingerprint(target.org.id), "a refused action changed the target's data").toBe(before);

  // The encoding reaches actions: the same forged call from the owner revokes the key.
  const owner = await signedIn(target.ownerEmail);
  const res = await forgeServerAction(owner, "revokeKeyAction", `/${target.org.slug}/keys`, { org: target.org.slug, keyId: target.key.id, reason: "walk" });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("revoked");
  expect((await db().apiKey.findUniqueOrThrow({ where: { id: target.key.id } })).revokedAt).not.toBeNull();
  console.log(`route walk: ${routes.length} routes, ${actions.length} actions, ${checked} requests`);
});
