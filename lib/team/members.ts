import type { MemberRole, Prisma } from "@prisma/client";
import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { hasRole } from "../auth/roles";

/** Who is changing the team: a member of the organization, with their role. */
export interface TeamActor {
  userId: string;
  email: string;
  role: MemberRole;
}

type Tx = Prisma.TransactionClient;

const auditActor = (a: TeamActor): AuditActor => ({ type: "user", id: a.userId, label: a.email });

/**
 * The rules of who may set which role:
 * - OWNER and ADMIN manage the team; MEMBER and VIEWER do not;
 * - only an OWNER makes or unmakes an OWNER (an ADMIN cannot make anyone OWNER, nor touch one);
 * - the last OWNER can be neither demoted nor removed.
 */
export function assertMayAssign(actor: TeamActor, from: MemberRole | null, to: MemberRole | null) {
  if (!hasRole(actor.role, "ADMIN")) throw new DomainError("FORBIDDEN", "Only owners and admins manage the team.");
  if ((to === "OWNER" || from === "OWNER") && actor.role !== "OWNER") {
    throw new DomainError("FORBIDDEN", "Only an owner can make or change an owner.");
  }
}

async function assertNotLastOwner(tx: Tx, organizationId: string, membership: { role: MemberRole }) {
  if (membership.role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { organizationId, role: "OWNER" } });
  if (owners <= 1) throw new DomainError("CONFLICT", "An organization needs an owner: make someone else owner first.");
}

// Serialises team changes per organization, so two concurrent demotions cannot both see
// "another owner remains" and leave none.
async function lockTeam(tx: Tx, organizationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`team:${organizationId}`}))`;
}

async function findMembership(tx: Tx, organizationId: string, membershipId: string) {
  const m = await tx.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, userId: true, user: { select: { email: true } } },
  });
  if (!m) throw new DomainError("NOT_FOUND", "No such member.");
  return m;
}

/**
 * Someone who may no longer manage the team (demoted below ADMIN, or removed) must not get
 * back in through an invitation they sent before: their pending invitations end with them.
 */
async function revokeInvitationsBy(tx: Tx, organizationId: string, userId: string, actor: TeamActor, context: AuditContext) {
  const pending = await tx.invitation.findMany({
    where: { organizationId, createdById: userId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true },
  });
  if (!pending.length) return;
  await tx.invitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { revokedAt: new Date() } });
  for (const p of pending) {
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId,
        action: "member.invitation_revoked",
        target: { type: "invitation", id: p.id },
        metadata: { email: p.email, reason: "its sender no longer manages the team" },
        context,
      },
      tx,
    );
  }
}

export async function changeRole(
  organizationId: string,
  membershipId: string,
  role: MemberRole,
  actor: TeamActor,
  context: AuditContext = {},
) {
  await db().$transaction(async (tx) => {
    await lockTeam(tx, organizationId);
    const m = await findMembership(tx, organizationId, membershipId);
    if (m.role === role) return;
    assertMayAssign(actor, m.role, role);
    if (role !== "OWNER") await assertNotLastOwner(tx, organizationId, m);
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    if (!hasRole(role, "ADMIN")) await revokeInvitationsBy(tx, organizationId, m.userId, actor, context);
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId,
        action: "member.role_changed",
        target: { type: "user", id: m.userId },
        metadata: { email: m.user.email, from: m.role, to: role },
        context,
      },
      tx,
    );
  });
}

/** Removes a member (or lets one leave): access ends on their next request; their keys stay. */
export async function removeMember(organizationId: string, membershipId: string, actor: TeamActor, context: AuditContext = {}) {
  await db().$transaction(async (tx) => {
    await lockTeam(tx, organizationId);
    const m = await findMembership(tx, organizationId, membershipId);
    const leaving = m.userId === actor.userId;
    if (!leaving) assertMayAssign(actor, m.role, null);
    await assertNotLastOwner(tx, organizationId, m);
    await tx.membership.delete({ where: { id: m.id } });
    await revokeInvitationsBy(tx, organizationId, m.userId, actor, context);
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId,
        action: leaving ? "member.left" : "member.removed",
        target: { type: "user", id: m.userId },
        metadata: { email: m.user.email, role: m.role },
        context,
      },
      tx,
    );
  });
}

/** The acting OWNER hands ownership to another member and becomes an ADMIN. */
export async function transferOwnership(
  organizationId: string,
  membershipId: string,
  actor: TeamActor,
  context: AuditContext = {},
) {
  if (actor.role !== "OWNER") throw new DomainError("FORBIDDEN", "Only an owner can transfer ownership.");
  await db().$transaction(async (tx) => {
    await lockTeam(tx, organizationId);
    const m = await findMembership(tx, organizationId, membershipId);
    if (m.userId === actor.userId) throw new DomainError("INVALID", "Choose another member.");
    await tx.membership.update({ where: { id: m.id }, data: { role: "OWNER" } });
    await tx.membership.updateMany({ where: { organizationId, userId: actor.userId }, data: { role: "ADMIN" } });
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId,
        action: "member.ownership_transferred",
        target: { type: "user", id: m.userId },
        metadata: { to: m.user.email, from: actor.email },
        context,
      },
      tx,
    );
  });
}
