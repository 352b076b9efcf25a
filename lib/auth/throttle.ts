import { db } from "../db/client";

// Guessing protection that is not a lever against the account's owner:
// - one account from one IP: after 10 failures within 15 minutes, that pair waits until
//   the oldest of them leaves the window (a guesser at one address is stopped);
// - one IP across accounts: after 30 failures within 15 minutes, the IP waits (spraying);
// - one account from everywhere: after 10 failures within an hour, each further try
//   waits for a delay that doubles per failure, at most a minute. That slows a guesser
//   with many addresses to under 100 tries an hour, and never locks the owner out for
//   longer than a minute. A device that signed in to the account before (a signed cookie,
//   lib/auth/known-device.ts) is not slowed by it.
// A staff unlock (User.signInUnlockedAt) forgets the account's earlier failures.
export const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;
export const MAX_IP_FAILURES = 30;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
export const MAX_BACKOFF_SECONDS = 60;

export interface ThrottleState {
  allowed: boolean;
  retryAfterSeconds: number;
}

const ALLOWED: ThrottleState = { allowed: true, retryAfterSeconds: 0 };

function waitUntil(until: number, now: number): ThrottleState {
  return until <= now ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

export async function checkSignInThrottle(
  email: string,
  ip: string,
  options: { knownDevice?: boolean; unlockedAt?: Date | null; now?: Date } = {},
): Promise<ThrottleState> {
  const now = (options.now ?? new Date()).getTime();
  const unlocked = options.unlockedAt?.getTime() ?? 0;
  const windowStart = new Date(Math.max(now - WINDOW_MS, unlocked));
  const [pair, byIp, account] = await Promise.all([
    failuresSince({ email, ip }, windowStart),
    failuresSince({ ip }, new Date(now - WINDOW_MS)),
    options.knownDevice ? Promise.resolve([]) : failuresSince({ email }, new Date(Math.max(now - ACCOUNT_WINDOW_MS, unlocked))),
  ]);
  const waits: ThrottleState[] = [];
  if (pair.length >= MAX_FAILURES) waits.push(waitUntil(pair[pair.length - MAX_FAILURES] + WINDOW_MS, now));
  if (byIp.length >= MAX_IP_FAILURES) waits.push(waitUntil(byIp[byIp.length - MAX_IP_FAILURES] + WINDOW_MS, now));
  if (account.length >= MAX_FAILURES) {
    const delay = Math.min(MAX_BACKOFF_SECONDS, 2 ** (account.length - MAX_FAILURES)) * 1000;
    waits.push(waitUntil(account[account.length - 1] + delay, now));
  }
  return waits.filter((w) => !w.allowed).sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0] ?? ALLOWED;
}

async function failuresSince(where: { email?: string; ip?: string }, since: Date): Promise<number[]> {
  const rows = await db().signInAttempt.findMany({
    where: { ...where, success: false, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.createdAt.getTime());
}

export async function recordSignInAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db().signInAttempt.create({ data: { email, ip, success } });
}
