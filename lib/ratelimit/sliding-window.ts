// Sliding window log: a request is admitted when fewer than L requests were admitted in
// the last 60 seconds. Exact: N concurrent requests against a limit L admit exactly L,
// however long the burst takes (a token bucket or GCRA would refill during it).

const WINDOW_MS = 60_000;

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

/** The in-memory log of one key: a ring buffer of admission times, O(1) per check. */
export class WindowLog {
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
