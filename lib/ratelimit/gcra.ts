// GCRA (generic cell rate algorithm): a limit of L per minute admits a burst of L, then one
// request every 60/L seconds. State is one number per key: the theoretical arrival time.

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the full limit is available again. */
  reset: number;
  /** Seconds until the next request would be admitted (0 when allowed). */
  retryAfter: number;
}

export const WINDOW_MS = 60_000;

/** One GCRA step: returns the decision and the new state (unchanged when refused). */
export function gcra(storedTat: number | undefined, now: number, limit: number): { decision: RateDecision; tat: number } {
  const interval = WINDOW_MS / limit;
  const tat = Math.max(storedTat ?? now, now);
  const newTat = tat + interval;
  const allowed = newTat - now <= WINDOW_MS;
  const effective = allowed ? newTat : tat;
  const remaining = Math.max(0, Math.floor((WINDOW_MS - (effective - now)) / interval + 1e-9));
  const retryAfter = allowed ? 0 : Math.max(1, Math.ceil((newTat - WINDOW_MS - now) / 1000));
  return {
    decision: { allowed, limit, remaining, reset: Math.ceil(effective / 1000), retryAfter },
    tat: effective,
  };
}
