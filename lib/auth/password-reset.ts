import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { log } from "../log";
import { mailEnabled, sendMail } from "../mail";
import { limiter } from "../ratelimit/limiter";
import { normalizeEmail } from "./authenticate";
import { checkPasswordPolicy, hashPassword } from "./password";

const TTL_MS = 30 * 60 * 1000;
const PER_HOUR = 3;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** What every request hears, whether or not the email has an account. */
export const RESET_REQUESTED = "If an account uses this email, a link to choose a new password is on its way. It works once, within 30 minutes.";

/**
 * Emails a single-use reset link valid 30 minutes, when SMTP is configured and the email
 * belongs to an account with a password; at most 3 an hour per account. The caller always
 * shows RESET_REQUESTED: the answer never tells whether the email is registered.
 */
export async function requestPasswordReset(email: string, baseUrl: string, context: AuditContext = {}): Promise<void> {
  if (!mailEnabled()) return;
  const user = await db().user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true, passwordHash: true } });
  if (!user?.passwordHash) return;
  const recent = await db().passwordReset.count({ where: { userId: user.id, createdAt: { gte: new Date(Date.now() - 3_600_000) } } });
  if (recent >= PER_HOUR) return;
  const token = randomBytes(32).toString("base64url");
  await db().passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TTL_MS) } });
  await recordAudit({ actor: { type: "user", id: user.id, label: user.email }, action: "user.password_reset_requested", target: { type: "user", id: user.id }, context });
  await sendMail({
    to: user.email,
    subject: "Choose a new Keyhouse password",
    text: [
      "Someone (hopefully you) asked to reset the password of this Keyhouse account.",
      "",
      "Choose a new password within 30 minutes:",
      `${baseUrl}/reset-password/${token}`,
      "",
      "The link works once. Every signed-in session ends when the password changes.",
      "If you did not ask, ignore this email: your password stays as it is.",
    ].join("\n"),
  });
}

/** Requests per minute from one client address, and for one email address. */
const PER_IP_PER_MINUTE = 5;
const PER_EMAIL_PER_MINUTE = 2;

/**
 * What the forgot-password form calls: throttles per client address and per email, then
 * queues the work and returns at once, so the answer takes the same time whether or not the
 * email has an account (the lookup, the database writes and the SMTP send happen after it).
 * Returns false when throttled.
 */
export async function queuePasswordReset(email: string, baseUrl: string, context: AuditContext = {}): Promise<boolean> {
  const address = normalizeEmail(email);
  const checks = await Promise.all([
    limiter().check(`reset:ip:${context.ip ?? "unknown"}`, PER_IP_PER_MINUTE),
    limiter().check(`reset:email:${address}`, PER_EMAIL_PER_MINUTE),
  ]);
  if (checks.some((c) => !c.allowed)) return false;
  void requestPasswordReset(address, baseUrl, context).catch((err: unknown) => log().error({ err }, "password reset request failed"));
  return true;
}

/** Whether a reset link can still be used (the page shows the form, or says it cannot). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  if (token.length > 100) return false;
  const reset = await db().passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(reset && !reset.usedAt && reset.expiresAt > new Date());
}

/** Sets the new password, uses the link up, ends every session and lifts a sign-in lock-out. */
export async function resetPassword(token: string, newPassword: string, context: AuditContext = {}): Promise<void> {
  const problem = checkPasswordPolicy(newPassword);
  if (problem) throw new DomainError("INVALID", problem, "password");
  const passwordHash = await hashPassword(newPassword);
  await db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordReset.updateManyAndReturn({
      where: { tokenHash: hashToken(token.slice(0, 100)), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    if (!claimed.length) throw new DomainError("NOT_FOUND", "This link is no longer valid: it expired or was already used. Ask for a new one.");
    const { userId } = claimed[0];
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash, signInUnlockedAt: now }, select: { email: true } });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await recordAudit({ actor: { type: "user", id: userId, label: user.email }, action: "user.password_reset", target: { type: "user", id: userId }, metadata: { endedSessions: count }, context }, tx);
  });
}
