import type { Prisma } from "@prisma/client";
import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishOrganizationChange } from "../events/key-changes";

/** Suspends an organization: its keys answer 403 ACCOUNT_SUSPENDED from the next request. */
export async function suspendOrganization(slug: string, reason: string, actor: AuditActor, context: AuditContext = {}) {
  if (!reason.trim()) throw new DomainError("INVALID", "Give a reason for the suspension.", "reason");
  await setSuspension(slug, actor, context, {
    suspended: true,
    data: { suspendedAt: new Date(), suspendedReason: reason.trim(), suspendedById: actor.id ?? null },
    action: "org.suspended",
    metadata: { reason: reason.trim() },
  });
}

export async function reinstateOrganization(slug: string, actor: AuditActor, context: AuditContext = {}) {
  await setSuspension(slug, actor, context, {
    suspended: false,
    data: { suspendedAt: null, suspendedReason: null, suspendedById: null },
    action: "org.reinstated",
  });
}

// Idempotent: a change to the state the organization is already in writes nothing.
async function setSuspension(
  slug: string,
  actor: AuditActor,
  context: AuditContext,
  change: { suspended: boolean; data: Prisma.OrganizationUpdateInput; action: string; metadata?: Prisma.InputJsonObject },
) {
  const org = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug }, select: { id: true, suspendedAt: true } });
    if (!org) throw new DomainError("NOT_FOUND", `No organization "${slug}".`);
    if (Boolean(org.suspendedAt) === change.suspended) return org;
    await tx.organization.update({ where: { id: org.id }, data: change.data });
    const target = { type: "organization", id: org.id };
    await recordAudit({ actor, organizationId: org.id, action: change.action, target, metadata: change.metadata, context }, tx);
    return org;
  });
  publishOrganizationChange(org.id);
}
