import { randomBytes } from "node:crypto";
import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";

// A session lives at most 12 hours from sign-in, whatever the cookie says.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export async function createSession(userId: string, context: { ip?: string; userAgent?: string } = {}): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  await db().session.create({
    data: {
      sessionToken,
      userId,
      expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      ip: context.ip?.slice(0, 64),
      userAgent: context.userAgent?.slice(0, 512),
    },
  });
  return sessionToken;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  staffRole: "SUPPORT" | "ADMIN" | null;
}

/** The user of a live session, or null when it was ended or has expired. */
export async function findSessionUser(sessionToken: string): Promise<SessionUser | null> {
  const row = await db().session.findUnique({
    where: { sessionToken },
    select: { id: true, expires: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, staffRole: true } } },
  });
  if (!row || row.expires <= new Date()) return null;
  // "Last seen" for the account page's session list, written at most once a minute.
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await db().session.updateMany({ where: { id: row.id }, data: { lastSeenAt: new Date() } });
  }
  return row.user;
}

const LAST_SEEN_EVERY_MS = 60_000;

export async function endSession(sessionToken: string): Promise<void> {
  await db().session.deleteMany({ where: { sessionToken } });
}

/** Ends every session of a user (password change, removal, staff "end sessions"). */
export async function endAllSessions(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  return count;
}

/** Support staff (ADMIN) sign a user out everywhere: their next page load goes to sign-in. */
export async function endAllSessionsAsStaff(userId: string, actor: AuditActor, context: AuditContext = {}): Promise<number> {
  const ended = await endAllSessions(userId);
  await recordAudit({ actor, action: "user.sessions_ended", target: { type: "user", id: userId }, metadata: { sessions: ended }, context });
  return ended;
}
