// Per-key per-minute limits, two ways:
// - Sliding window log (limits up to EXACT_LOG_MAX): a request is admitted when fewer than L
//   requests were admitted in the last 60 seconds. Exact: N concurrent requests against a
//   limit L admit exactly L, however long the burst takes. Memory grows with the limit.
// - Sliding window counter (larger limits, such as root keys' 1,000,000/min): this minute's
//   count plus last minute's, weighted by how much of last minute is still inside the
//   window. Two numbers per key whatever the limit. Exact for evenly spread traffic; a burst
//   at a minute's end can let through up to twice the limit within one 60-second span.

export const WINDOW_MS = 60_000;
/** Limits up to this are exact (a log of admissions); above it, the constant-memory counter. */
export const EXACT_LOG_MAX = 1_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the oldest admission in the window expires (a slot frees). */
  reset: number;
  /** Seconds until a request would be admitted again (0 when allowed). */
  retryAfter: number;
}

export function decide(allowed: boolean, limit: number, inWindow: number, oldest: number, now: number): RateDecision {
  const frees = oldest + WINDOW_MS;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - inWindow),
    reset: Math.ceil(frees / 1000),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((frees - now) / 1000)),
  };
}

/**
 * The counter's verdict from last minute's and this minute's counts (before this request).
 * `reset` is the end of this minute, when last minute stops weighing in.
 */
export function decideByCounter(limit: number, previous: number, current: number, now: number): RateDecision {
  const start = now - (now % WINDOW_MS);
  const estimate = previous * (1 - (now - start) / WINDOW_MS) + current;
  const allowed = estimate < limit;
  const end = start + WINDOW_MS;
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - estimate - (allowed ? 1 : 0))),
    reset: Math.ceil(end / 1000),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((end - now) / 1000)),
  };
}

interface Window {
  readonly limit: number;
  check(now: number): RateDecision;
  idle(now: number): boolean;
}

/** The in-memory log of one key: a ring buffer of admission times, O(1) per check. */
export class WindowLog implements Window {
  private times: Float64Array;
  private head = 0;
  private size = 0;

  constructor(readonly limit: number) {
    this.times = new Float64Array(limit);
  }

  check(now: number): RateDecision {
    const { limit, times } = this;
    while (this.size > 0 && times[this.head] <= now - WINDOW_MS) {
      this.head = (this.head + 1) % limit;
      this.size--;
    }
    const allowed = this.size < limit;
    if (allowed) {
      times[(this.head + this.size) % limit] = now;
      this.size++;
    }
    return decide(allowed, limit, this.size, this.size > 0 ? times[this.head] : now, now);
  }

  /** True when nothing in the log is still inside the window. */
  idle(now: number): boolean {
    return this.size === 0 || this.times[(this.head + this.size - 1) % this.limit] <= now - WINDOW_MS;
  }
}

/** The in-memory counter of one key: two counts, whatever the limit. */
export class WindowCounter implements Window {
  private start = 0;
  private previous = 0;
  private current = 0;

  constructor(readonly limit: number) {}

  check(now: number): RateDecision {
    const start = now - (now % WINDOW_MS);
    if (start !== this.start) {
      this.previous = start - this.start === WINDOW_MS ? this.current : 0;
      this.current = 0;
      this.start = start;
    }
    const decision = decideByCounter(this.limit, this.previous, this.current, now);
    if (decision.allowed) this.current++;
    return decision;
  }

  idle(now: number): boolean {
    return now - this.start >= 2 * WINDOW_MS;
  }
}

/** The window for a limit: exact up to EXACT_LOG_MAX, constant memory above. */
export function windowFor(limit: number): Window {
  return limit <= EXACT_LOG_MAX ? new WindowLog(limit) : new WindowCounter(limit);
}
