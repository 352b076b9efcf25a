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

export interface SignInLock {
  /** `account-address`: this account from one address; `address`: one address, every account; `account`: this account from a new device. */
  scope: "account-address" | "address" | "account";
  ip: string | null;
  retryAfterSeconds: number;
}

/**
 * Every lock on an account right now, for support: the same rules as checkSignInThrottle,
 * read for each address the account's failures came from instead of for one caller.
 */
export async function signInLocks(email: string, options: { unlockedAt?: Date | null; now?: Date } = {}): Promise<SignInLock[]> {
  const now = (options.now ?? new Date()).getTime();
  const unlocked = options.unlockedAt?.getTime() ?? 0;
  const rows = await db().signInAttempt.findMany({
    where: { email, success: false, createdAt: { gte: new Date(Math.max(now - ACCOUNT_WINDOW_MS, unlocked)) } },
    select: { createdAt: true, ip: true },
    orderBy: { createdAt: "asc" },
  });
  const locks: SignInLock[] = [];
  const windowStart = Math.max(now - WINDOW_MS, unlocked);
  const byIp = new Map<string, number[]>();
  for (const r of rows) {
    if (r.createdAt.getTime() >= windowStart) byIp.set(r.ip, [...(byIp.get(r.ip) ?? []), r.createdAt.getTime()]);
  }
  for (const [ip, times] of byIp) {
    if (times.length < MAX_FAILURES) continue;
    const wait = waitUntil(times[times.length - MAX_FAILURES] + WINDOW_MS, now);
    if (!wait.allowed) locks.push({ scope: "account-address", ip, retryAfterSeconds: wait.retryAfterSeconds });
  }
  for (const ip of new Set(rows.map((r) => r.ip))) {
    const all = await failuresSince({ ip }, new Date(now - WINDOW_MS));
    if (all.length < MAX_IP_FAILURES) continue;
    const wait = waitUntil(all[all.length - MAX_IP_FAILURES] + WINDOW_MS, now);
    if (!wait.allowed) locks.push({ scope: "address", ip, retryAfterSeconds: wait.retryAfterSeconds });
  }
  if (rows.length >= MAX_FAILURES) {
    const delay = Math.min(MAX_BACKOFF_SECONDS, 2 ** (rows.length - MAX_FAILURES)) * 1000;
    const wait = waitUntil(rows[rows.length - 1].createdAt.getTime() + delay, now);
    if (!wait.allowed) locks.push({ scope: "account", ip: null, retryAfterSeconds: wait.retryAfterSeconds });
  }
  return locks;
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
