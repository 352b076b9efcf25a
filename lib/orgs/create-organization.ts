import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { DEFAULT_PROFILE, PROFILES, type ProfileId } from "../profiles/catalog";
import { isProfileEnabled } from "../profiles/enabled";
import { oneLine } from "../validation/text";

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
  input: { name: string; ownerId: string; slug?: string; profile?: ProfileId },
): Promise<{ id: string; slug: string }> {
  const profile = PROFILES[input.profile ?? DEFAULT_PROFILE];
  if (!isProfileEnabled(profile.id)) throw new DomainError("INVALID", `The ${profile.label} profile is not enabled here.`, "profile");
  // A name ends up in email subjects and bodies: it stays on one line.
  const name = oneLine(input.name);
  if (!name) throw new DomainError("INVALID", "Name your organization.", "name");
  let slug = input.slug ?? slugify(name);
  if (await tx.organization.findUnique({ where: { slug }, select: { id: true } })) {
    slug = `${slug}-${randomBytes(3).toString("hex")}`;
  }
  const org = await tx.organization.create({
    data: {
      name,
      slug,
      profile: profile.id,
      defaultScopes: [...profile.defaultScopes],
      memberships: { create: { userId: input.ownerId, role: "OWNER" } },
    },
    select: { id: true, slug: true },
  });
  return org;
}

/** A signed-in person makes a new organization of their own (the no-organization page). */
export async function createOrganizationFor(
  user: { id: string; email: string },
  name: string,
  context: AuditContext = {},
  profile: ProfileId = DEFAULT_PROFILE,
) {
  return db().$transaction(async (tx) => {
    const org = await createOrganization(tx, { name, ownerId: user.id, profile });
    await recordAudit(
      {
        actor: { type: "user", id: user.id, label: user.email },
        action: "org.created",
        organizationId: org.id,
        target: { type: "organization", id: org.id },
        metadata: { profile },
        context,
      },
      tx,
    );
    return org;
  });
}
