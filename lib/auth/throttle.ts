import { db } from "../db/client";

// After 10 failures for an account or from an IP within 15 minutes, further tries wait
// until the oldest of those failures leaves the window. That also caps an account at
// 40 failures an hour, under the 100 the security contract allows.
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export interface ThrottleState {
  allowed: boolean;
  retryAfterSeconds: number;
}

export async function checkSignInThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([failuresSince({ email }, since), failuresSince({ ip }, since)]);
  const blocking = [byEmail, byIp].filter((f) => f.length >= MAX_FAILURES);
  if (blocking.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  const waitUntil = Math.max(...blocking.map((f) => f[f.length - MAX_FAILURES].getTime() + WINDOW_MS));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now.getTime()) / 1000)) };
}

async function failuresSince(where: { email: string } | { ip: string }, since: Date): Promise<Date[]> {
  const rows = await db().signInAttempt.findMany({
    where: { ...where, success: false, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.createdAt);
}

export async function recordSignInAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db().signInAttempt.create({ data: { email, ip, success } });
}
