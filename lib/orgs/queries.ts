import "server-only";
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
  return db().membership.findMany({
    where: { organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
}
