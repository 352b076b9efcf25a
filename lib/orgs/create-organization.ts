import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";

function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "org";
}

/** Creates an organization with `ownerId` as OWNER, inside the caller's transaction. */
export async function createOrganization(
  tx: Prisma.TransactionClient,
  input: { name: string; ownerId: string; slug?: string },
): Promise<{ id: string; slug: string }> {
  let slug = input.slug ?? slugify(input.name);
  if (await tx.organization.findUnique({ where: { slug }, select: { id: true } })) {
    slug = `${slug}-${randomBytes(3).toString("hex")}`;
  }
  const org = await tx.organization.create({
    data: { name: input.name, slug, memberships: { create: { userId: input.ownerId, role: "OWNER" } } },
    select: { id: true, slug: true },
  });
  return org;
}
