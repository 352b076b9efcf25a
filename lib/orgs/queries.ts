import { db } from "../db/client";

export async function getOrganizationsOfUser(userId: string) {
  const rows = await db().membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ slug: r.organization.slug, name: r.organization.name, role: r.role }));
}

export async function getMembersForOrg(organizationId: string) {
  const members = await db().membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const lastSignIns = await lastSignInsOf(members.map((m) => m.user.email));
  return members.map((m) => ({ ...m, lastSignInAt: lastSignIns.get(m.user.email) ?? null }));
}

/** When each of these people last signed in successfully. */
export async function lastSignInsOf(emails: string[]): Promise<Map<string, Date>> {
  if (!emails.length) return new Map();
  const rows = await db().signInAttempt.groupBy({
    by: ["email"],
    where: { email: { in: emails }, success: true },
    _max: { createdAt: true },
  });
  return new Map(rows.filter((r) => r._max.createdAt).map((r) => [r.email, r._max.createdAt!]));
}
