import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishOrganizationChange } from "../events/key-changes";

/** Suspends an organization: its keys answer 403 ACCOUNT_SUSPENDED from the next request. */
export async function suspendOrganization(slug: string, reason: string, actor: AuditActor, context: AuditContext = {}) {
  if (!reason.trim()) throw new DomainError("INVALID", "Give a reason for the suspension.", "reason");
  const org = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug }, select: { id: true, suspendedAt: true } });
    if (!org) throw new DomainError("NOT_FOUND", `No organization "${slug}".`);
    if (org.suspendedAt) return org;
    await tx.organization.update({
      where: { id: org.id },
      data: { suspendedAt: new Date(), suspendedReason: reason.trim(), suspendedById: actor.id ?? null },
    });
    await recordAudit(
      {
        actor,
        organizationId: org.id,
        action: "org.suspended",
        target: { type: "organization", id: org.id },
        metadata: { reason: reason.trim() },
        context,
      },
      tx,
    );
    return org;
  });
  publishOrganizationChange(org.id);
}

export async function reinstateOrganization(slug: string, actor: AuditActor, context: AuditContext = {}) {
  const org = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug }, select: { id: true, suspendedAt: true } });
    if (!org) throw new DomainError("NOT_FOUND", `No organization "${slug}".`);
    if (!org.suspendedAt) return org;
    await tx.organization.update({
      where: { id: org.id },
      data: { suspendedAt: null, suspendedReason: null, suspendedById: null },
    });
    await recordAudit(
      { actor, organizationId: org.id, action: "org.reinstated", target: { type: "organization", id: org.id }, context },
      tx,
    );
    return org;
  });
  publishOrganizationChange(org.id);
}
