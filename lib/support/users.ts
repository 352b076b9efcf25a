import { db } from "../db/client";
import { assertStaff, type Staff } from "../auth/staff";
import { signInLocks } from "../auth/throttle";
import { normalizeEmail } from "../auth/authenticate";
import { DomainError } from "../errors";
import { text } from "../validation/text";

export async function assertUserExists(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new DomainError("NOT_FOUND", "No such user.");
}

/** Users whose email starts with `prefix` (support's user look-up), at most 20. */
export async function findUsersByEmailPrefix(staff: Staff, prefix: string) {
  assertStaff(staff);
  const q = normalizeEmail(prefix);
  if (!q || !text().safeParse(q).success) return [];
  return db().user.findMany({
    where: { email: { startsWith: q } },
    select: { id: true, email: true, name: true, staffRole: true },
    orderBy: { email: "asc" },
    take: 20,
  });
}

/** One user as support sees them: organizations, recent sign-ins, sessions, throttling. */
export async function getUserForStaff(staff: Staff, userId: string) {
  assertStaff(staff);
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, staffRole: true, createdAt: true, signInUnlockedAt: true },
  });
  if (!user) return null;
  const [memberships, signIns, failures, sessions, throttle] = await Promise.all([
    db().membership.findMany({
      where: { userId },
      select: { role: true, organization: { select: { id: true, slug: true, name: true, suspendedAt: true } } },
    }),
    // Successful sign-ins are audited with their IP and user agent.
    db().auditEvent.findMany({
      where: { action: "auth.signin", targetId: userId },
      select: { createdAt: true, ip: true, userAgent: true },
      orderBy: { createdAt: "desc" },
      take: 10,
    }),
    db().signInAttempt.findMany({
      where: { email: user.email, success: false, createdAt: { gte: new Date(Date.now() - 3_600_000) } },
      select: { createdAt: true, ip: true },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    db().session.count({ where: { userId, expires: { gt: new Date() } } }),
    // Every lock: per address the failures came from, the addresses' own, the account's back-off.
    signInLocks(user.email, { unlockedAt: user.signInUnlockedAt }),
  ]);
  return { ...user, memberships, signIns, recentFailures: failures, activeSessions: sessions, locks: throttle };
}

/** Everyone with a staff role, for the staff audit view's filter. */
export async function getStaffMembers(staff: Staff) {
  assertStaff(staff);
  return db().user.findMany({
    where: { staffRole: { not: null } },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
}
