import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./password";

const self = (user: { id: string; email: string }) => ({ type: "user" as const, id: user.id, label: user.email });

export async function updateProfileName(user: { id: string; email: string }, name: string, context: AuditContext = {}) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { name } });
    await recordAudit(
      { actor: self(user), action: "user.profile_changed", target: { type: "user", id: user.id }, metadata: { name }, context },
      tx,
    );
  });
}

/**
 * Changes the password after checking the current one; every other session of the user
 * ends (a stolen session does not outlive the change), this one stays.
 */
export async function changePassword(
  user: { id: string; email: string },
  input: { currentPassword: string; newPassword: string },
  currentSessionToken: string,
  context: AuditContext = {},
): Promise<{ endedSessions: number }> {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row.passwordHash)
    throw new DomainError("INVALID", "This account signs in with another provider and has no password.", "currentPassword");
  if (!(await verifyPassword(input.currentPassword.slice(0, 1024), row.passwordHash))) {
    throw new DomainError("INVALID", "The current password is not right.", "currentPassword");
  }
  const problem = checkPasswordPolicy(input.newPassword);
  if (problem) throw new DomainError("INVALID", problem, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // A reset link mailed before the change must not undo it.
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, sessionToken: { not: currentSessionToken } } });
    await recordAudit(
      {
        actor: self(user),
        action: "user.password_changed",
        target: { type: "user", id: user.id },
        metadata: { endedSessions: count },
        context,
      },
      tx,
    );
    return { endedSessions: count };
  });
}

/** The user's live sessions, newest activity first; `current` marks this browser's. */
export async function getSessionsOfUser(userId: string, currentSessionToken: string) {
  const rows = await db().session.findMany({
    where: { userId, expires: { gt: new Date() } },
    select: { id: true, sessionToken: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map(({ sessionToken, ...s }) => ({
    ...s,
    device: describeDevice(s.userAgent),
    current: sessionToken === currentSessionToken,
  }));
}

/** Signs out one session of the user's (never someone else's), or all but the current one. */
export async function endSessionsOfUser(
  user: { id: string; email: string },
  which: { sessionId: string } | { allBut: string },
  context: AuditContext = {},
) {
  const where =
    "sessionId" in which ? { userId: user.id, id: which.sessionId } : { userId: user.id, sessionToken: { not: which.allBut } };
  const { count } = await db().session.deleteMany({ where });
  await recordAudit({
    actor: self(user),
    action: "user.sessions_ended",
    target: { type: "user", id: user.id },
    metadata: { sessions: count, by: "self" },
    context,
  });
  return count;
}

/** "Chrome on Linux" from a user agent, enough to recognise a device in a list. */
function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : userAgent.split(/[ /]/)[0] || "Unknown browser";
  const os = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return os ? `${browser} on ${os}` : browser;
}
