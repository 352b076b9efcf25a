// Direct database access for e2e setup and assertions (the lane's DATABASE_URL).
import type { MemberRole } from "@prisma/client";
import { hashPassword } from "../lib/auth/password";
import { db } from "../lib/db/client";
import { PASSWORD, uniqueEmail } from "./helpers";

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
