import { createHash, randomBytes } from "node:crypto";
import type { MemberRole } from "@prisma/client";
import { recordAudit, type AuditContext } from "../audit/record";
import { normalizeEmail } from "../auth/authenticate";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { mailEnabled, sendMail } from "../mail";
import { oneLine } from "../validation/text";
import { assertMayAssign, type TeamActor } from "./members";

const INVITATION_TTL_DAYS = 7;
/** Invitations one organization may send in an hour: enough for a team, too few for spam. */
const INVITATIONS_PER_HOUR = 50;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Invites `email` with `role`: a single-use token (only its hash is stored) that expires in
 * 7 days. Returns the token once, for the link shown to copy and the email.
 */
export async function inviteMember(
  organizationId: string,
  input: { email: string; role: MemberRole },
  actor: TeamActor,
  context: AuditContext = {},
): Promise<{ token: string; invitationId: string }> {
  assertMayAssign(actor, null, input.role);
  const email = normalizeEmail(input.email);
  const member = await db().membership.findFirst({ where: { organizationId, user: { email } }, select: { id: true } });
  if (member) throw new DomainError("CONFLICT", "This person is already a member.", "email");
  const lastHour = await db().invitation.count({ where: { organizationId, createdAt: { gte: new Date(Date.now() - 3_600_000) } } });
  if (lastHour >= INVITATIONS_PER_HOUR) {
    throw new DomainError("INVALID", `This organization sent ${INVITATIONS_PER_HOUR} invitations in the last hour: wait a while before sending more.`, "email");
  }
  // Replacing a pending invitation cancels it: only who may cancel it (an owner's, an owner) may.
  const pending = await db().invitation.findMany({
    where: { organizationId, email, acceptedAt: null, revokedAt: null },
    select: { role: true },
  });
  for (const p of pending) assertMayAssign(actor, null, p.role);
  const token = randomBytes(32).toString("base64url");
  const invitation = await db().$transaction(async (tx) => {
    // A new invitation replaces a pending one for the same address.
    await tx.invitation.updateMany({
      where: { organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        organizationId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor: { type: "user", id: actor.userId, label: actor.email },
        organizationId,
        action: "member.invited",
        target: { type: "invitation", id: invitation.id },
        metadata: { email, role: input.role },
        context,
      },
      tx,
    );
    return invitation;
  });
  return { token, invitationId: invitation.id };
}

export async function revokeInvitation(
  organizationId: string,
  invitationId: string,
  actor: TeamActor,
  context: AuditContext = {},
) {
  const invitation = await db().invitation.findFirst({
    where: { id: invitationId, organizationId },
    select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true },
  });
  if (!invitation) throw new DomainError("NOT_FOUND", "No such invitation.");
  assertMayAssign(actor, null, invitation.role);
  if (invitation.acceptedAt || invitation.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      {
        actor: { type: "user", id: actor.userId, label: actor.email },
        organizationId,
        action: "member.invitation_revoked",
        target: { type: "invitation", id: invitation.id },
        metadata: { email: invitation.email },
        context,
      },
      tx,
    );
  });
}

const pendingWhere = () => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

/** Pending invitations with who sent each (their email; null for the CLI or a deleted user). */
export async function getPendingInvitationsForOrg(organizationId: string) {
  const rows = await db().invitation.findMany({
    where: { organizationId, ...pendingWhere() },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, createdById: true },
    orderBy: { createdAt: "desc" },
  });
  const senders = await db().user.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))] } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(senders.map((s) => [s.id, s.email]));
  return rows.map((r) => ({ ...r, createdByEmail: r.createdById ? (emailOf.get(r.createdById) ?? null) : null }));
}

/** What an invitation link shows before it is accepted; null when it cannot be used. */
export async function findInvitation(token: string) {
  if (token.length > 100) return null;
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true, slug: true, deletedAt: true } },
    },
  });
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt <= new Date() ||
    invitation.organization.deletedAt
  )
    return null;
  return invitation;
}

/**
 * The signed-in user accepts by the link (`token`): sign-up does not prove who owns an address,
 * so holding the link is the proof, and the account's address must match it as well.
 */
export async function acceptInvitation(
  token: string,
  user: { id: string; email: string },
  context: AuditContext = {},
) {
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        email: true,
        role: true,
        organizationId: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        organization: { select: { slug: true, deletedAt: true } },
      },
    });
    const unusable =
      !invitation || invitation.revokedAt || invitation.expiresAt <= new Date() || invitation.organization.deletedAt;
    if (unusable || invitation.email !== normalizeEmail(user.email)) {
      if (invitation && !unusable && invitation.email !== normalizeEmail(user.email)) {
        throw new DomainError("FORBIDDEN", "This invitation is for another address. Sign in with the address it was sent to.");
      }
      throw new DomainError("NOT_FOUND", "This invitation is no longer valid: it expired, was revoked or was already used.");
    }
    if (invitation.acceptedAt)
      throw new DomainError("NOT_FOUND", "This invitation is no longer valid: it expired, was revoked or was already used.");
    // Claim it first: of two concurrent accepts, one wins.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw new DomainError("NOT_FOUND", "This invitation was already used.");
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
    });
    if (!existing)
      await tx.membership.create({ data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role } });
    await recordAudit(
      {
        actor: { type: "user", id: user.id, label: user.email },
        organizationId: invitation.organizationId,
        action: "member.joined",
        target: { type: "user", id: user.id },
        metadata: { email: user.email, role: invitation.role, invitationId: invitation.id },
        context,
      },
      tx,
    );
    return { slug: invitation.organization.slug };
  });
}

/** The invitation email (when SMTP_URL is set); false when it was not sent. */
export async function emailInvitation(invite: { to: string; inviter: string; organization: string; role: MemberRole; link: string }): Promise<boolean> {
  if (!mailEnabled()) return false;
  // Names written by people stay on one line: none can add lines of its own to the message.
  const inviter = oneLine(invite.inviter);
  const organization = oneLine(invite.organization);
  return sendMail({
    to: invite.to,
    subject: `${inviter} invited you to ${organization} on Keyhouse`,
    text: [
      `${inviter} invited you to join ${organization} as ${invite.role.toLowerCase()}.`,
      "",
      `Accept within ${INVITATION_TTL_DAYS} days:`,
      invite.link,
      "",
      "If you did not expect this, ignore this email.",
    ].join("\n"),
  });
}
