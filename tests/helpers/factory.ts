import { randomBytes } from "node:crypto";
import type { MemberRole } from "@prisma/client";
import { db } from "../../lib/db/client";

export function unique(prefix = "t"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export function uniqueEmail(): string {
  return `${unique("user")}@example.test`;
}

/** A user (no password) who is `role` in a fresh organization. */
export async function createMember(role: MemberRole = "OWNER", org?: { id: string; slug: string }) {
  const organization = org ?? (await db().organization.create({ data: { name: "Test org", slug: unique("org") } }));
  const user = await db().user.create({ data: { email: uniqueEmail(), name: "Test" } });
  await db().membership.create({ data: { organizationId: organization.id, userId: user.id, role } });
  return { user, organization: { id: organization.id, slug: organization.slug } };
}
