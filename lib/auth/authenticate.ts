import { db } from "../db/client";
import { recordAudit } from "../audit/record";
import { getDummyHash, verifyPassword } from "./password";
import { checkSignInThrottle, recordSignInAttempt } from "./throttle";

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
}): Promise<AuthenticateResult> {
  const email = normalizeEmail(input.email);
  const throttle = await checkSignInThrottle(email, input.ip);
  if (!throttle.allowed) {
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    return { ok: false, message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
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
