import type { Plan, Prisma } from "@prisma/client";
import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishOrganizationChange } from "../events/key-changes";

export const DEFAULT_SUSPENSION_MESSAGE = "Contact support.";

export interface Suspension {
  /** Why, for staff only: never shown to the customer. */
  note: string;
  /** What the customer sees, in the 403 body and the dashboard banner. */
  message?: string;
}

/** Suspends an organization: its keys answer 403 ACCOUNT_SUSPENDED from the next request. */
export async function suspendOrganization(slug: string, suspension: Suspension, actor: AuditActor, context: AuditContext = {}) {
  const note = suspension.note.trim();
  const message = suspension.message?.trim() || DEFAULT_SUSPENSION_MESSAGE;
  if (!note) throw new DomainError("INVALID", "Give a reason for the suspension.", "note");
  return setSuspension(slug, actor, context, {
    suspended: true,
    data: { suspendedAt: new Date(), suspendedReason: note, suspendedMessage: message, suspendedById: actor.id ?? null },
    action: "org.suspended",
    // The note is staff-only: the customer's audit page leaves `internalNote` out.
    metadata: { message, internalNote: note },
  });
}

export async function reinstateOrganization(slug: string, actor: AuditActor, context: AuditContext = {}, note?: string) {
  return setSuspension(slug, actor, context, {
    suspended: false,
    data: { suspendedAt: null, suspendedReason: null, suspendedMessage: null, suspendedById: null },
    action: "org.reinstated",
    metadata: note?.trim() ? { internalNote: note.trim() } : undefined,
  });
}

/** Staff (ADMIN) changes an organization's plan, with a reason; limits apply from the next request. */
export async function changePlan(
  organizationId: string,
  plan: Plan,
  note: string,
  actor: AuditActor,
  context: AuditContext = {},
) {
  if (!note.trim()) throw new DomainError("INVALID", "Give a reason for the change.", "note");
  const changed = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { plan: true } });
    if (!org) throw new DomainError("NOT_FOUND", "No such organization.");
    if (org.plan === plan) return false;
    await tx.organization.update({ where: { id: organizationId }, data: { plan } });
    await recordAudit(
      {
        actor,
        organizationId,
        action: "org.plan_changed",
        target: { type: "organization", id: organizationId },
        metadata: { from: org.plan, to: plan, internalNote: note.trim() },
        context,
      },
      tx,
    );
    return true;
  });
  if (changed) publishOrganizationChange(organizationId);
  return changed;
}

// Idempotent: a change to the state the organization is already in writes nothing and
// returns false.
async function setSuspension(
  slug: string,
  actor: AuditActor,
  context: AuditContext,
  change: { suspended: boolean; data: Prisma.OrganizationUpdateInput; action: string; metadata?: Prisma.InputJsonObject },
): Promise<boolean> {
  const { org, changed } = await db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug }, select: { id: true, suspendedAt: true } });
    if (!org) throw new DomainError("NOT_FOUND", `No organization "${slug}".`);
    if (Boolean(org.suspendedAt) === change.suspended) return { org, changed: false };
    await tx.organization.update({ where: { id: org.id }, data: change.data });
    const target = { type: "organization", id: org.id };
    await recordAudit({ actor, organizationId: org.id, action: change.action, target, metadata: change.metadata, context }, tx);
    return { org, changed: true };
  });
  if (changed) publishOrganizationChange(org.id);
  return changed;
}
