import { db } from "../db/client";
import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { getDummyHash, verifyPassword } from "./password";
import { isKnownDevice } from "./known-device";
import { checkSignInThrottle, recordSignInAttempt } from "./throttle";

function waitMessage(seconds: number): string {
  if (seconds < 60) return `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export type AuthenticateResult =
  { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; message: string };

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Email + password sign-in with throttling; the same answer and cost for unknown emails. */
export async function authenticate(input: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The browser's known-device cookie (lib/auth/known-device.ts), if any. */
  knownDeviceCookie?: string;
}): Promise<AuthenticateResult> {
  const email = normalizeEmail(input.email);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, signInUnlockedAt: true },
  });
  const throttle = await checkSignInThrottle(email, input.ip, {
    knownDevice: Boolean(user && isKnownDevice(input.knownDeviceCookie, user.id)),
    unlockedAt: user?.signInUnlockedAt,
  });
  if (!throttle.allowed) return { ok: false, message: waitMessage(throttle.retryAfterSeconds) };
  const valid = await verifyPassword(input.password.slice(0, 1024), user?.passwordHash ?? (await getDummyHash()));
  await recordSignInAttempt(email, input.ip, Boolean(user && valid));
  if (!user || !valid) return { ok: false, message: INVALID_CREDENTIALS };
  await recordAudit({
    actor: { type: "user", id: user.id, label: user.email },
    action: "auth.signin",
    target: { type: "user", id: user.id },
    context: { ip: input.ip, userAgent: input.userAgent },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** A staff unlock: the account's earlier sign-in failures stop counting. Audited. */
export async function unlockSignIn(userId: string, actor: AuditActor, context: AuditContext = {}) {
  const user = await db().user.update({ where: { id: userId }, data: { signInUnlockedAt: new Date() }, select: { email: true } });
  await recordAudit({ actor, action: "user.signin_unlocked", target: { type: "user", id: userId }, metadata: { email: user.email }, context });
}
