// Direct database access for e2e setup and assertions (the lane's DATABASE_URL).
import type { MemberRole } from "@prisma/client";
import { hashPassword } from "../lib/auth/password";
import { db } from "../lib/db/client";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey } from "../lib/keys/service";
import { createOrganization } from "../lib/orgs/create-organization";
import { PASSWORD, uniqueEmail } from "./constants";

export { db };

/** A user with PASSWORD who is `role` in the organization `orgSlug`. */
export async function addMember(orgSlug: string, role: MemberRole) {
  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  const email = uniqueEmail();
  const user = await db().user.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
  await db().membership.create({ data: { organizationId: org.id, userId: user.id, role } });
  return { email };
}

/** A company staff user with PASSWORD. */
export async function addStaff(staffRole: "SUPPORT" | "ADMIN") {
  const email = uniqueEmail();
  await db().user.create({ data: { email, passwordHash: await hashPassword(PASSWORD), staffRole } });
  return { email };
}

/** A new user with PASSWORD who owns a new organization (what sign-up makes). */
export async function addOwner(orgName = "E2E Org") {
  const email = uniqueEmail();
  const passwordHash = await hashPassword(PASSWORD);
  const org = await db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name: "E2E User", passwordHash } });
    return createOrganization(tx, { name: orgName, ownerId: user.id });
  });
  return { email, orgSlug: org.slug };
}

/** A user with PASSWORD and no organization (as `keyhouse users create` makes). */
export async function addUser(email = uniqueEmail()) {
  await db().user.create({ data: { email, name: "Invitee", passwordHash: await hashPassword(PASSWORD) } });
  return { email };
}

/** A key issued in the organization `org` by the operator CLI (in the organization's profile). */
export async function createKeyAs(org: { id: string; plan: "FREE" | "PRO" | "ENTERPRISE"; defaultScopes: string[] }, name: string) {
  return createKey({ id: org.id, plan: org.plan }, createKeyInputSchema.parse({ name, scopes: org.defaultScopes }), { type: "cli", id: null, label: "cli" });
}
