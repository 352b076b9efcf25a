import { decideByCounter, WINDOW_MS, type RateDecision } from "./sliding-window";

// Large per-minute limits (above EXACT_LOG_MAX, such as a gateway's root key) shared through
// Redis without a round trip per request: each instance counts admissions itself and adds them
// to Redis's per-minute counters every SYNC_MS, reading back every instance's totals in the
// same script. A check is decided at once from Redis's totals at the last sync plus this
// instance's admissions since. The error is bounded: between syncs an instance admits at most
// SHARE of a limit before its checks wait for a sync, so N instances together admit at most
// N × SHARE over the limit (one instance: none). A key not seen for STALE_MS (or never) waits
// for a sync before its first verdict. Small limits keep the exact log, one script per turn.

/** How often this instance's counts go to Redis while it is counting. */
export const SYNC_MS = 100;
/** The share of a limit one instance may admit between syncs. */
export const SHARE = 0.01;
const STALE_MS = 1000;

// KEYS[i] is a counter's name; ARGV[4i-3..4i] two (minute start, count) pairs to add to it.
// Returns Redis's clock, then each counter's last-minute and this-minute totals.
export const SYNC_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = now - (now % 60000)
local out = {tostring(now)}
for i, key in ipairs(KEYS) do
  for j = 0, 1 do
    local count = tonumber(ARGV[4 * i - 2 + 2 * j])
    if count > 0 then
      local name = key .. ':' .. ARGV[4 * i - 3 + 2 * j]
      redis.call('INCRBY', name, count)
      redis.call('PEXPIRE', name, 120000)
    end
  end
  table.insert(out, tonumber(redis.call('GET', key .. ':' .. (start - 60000)) or '0'))
  table.insert(out, tonumber(redis.call('GET', key .. ':' .. start) or '0'))
end
return out
`;

/** Runs the script; undefined when Redis cannot answer. */
type Run = (keys: string[], args: (string | number)[]) => Promise<unknown>;

interface Counter {
  /** The limiter's key (its Redis counters are `kh:rlc:<key>:<minute start>`). */
  key: string;
  limit: number;
  /** Redis's totals (every instance's) at the last sync, for the minute starting at `start` and the one before. */
  start: number;
  previous: number;
  current: number;
  syncedAt: number;
  /** Admitted here since the last sync, by minute start (two minutes at most: syncs are SYNC_MS apart). */
  own: Map<number, number>;
  /** Sent with the sync in flight, not yet in the totals above. */
  sent: Map<number, number>;
  unsynced: number;
  waiting: ((d: RateDecision) => void)[];
}

export class SharedCounters {
  private counters = new Map<string, Counter>();
  /** Redis's clock minus ours, so minutes start when they do in Redis for every instance. */
  private offset = 0;
  private syncing = false;
  private timer: NodeJS.Timeout | undefined;
  private timerSoon = false;
  private lastPrune = Date.now();

  constructor(
    private run: Run,
    /** A verdict in memory for a key whose sync failed (Redis down). */
    private fallback: (key: string, limit: number) => RateDecision,
  ) {}

  check(key: string, limit: number): RateDecision | Promise<RateDecision> {
    const now = Date.now();
    const c = this.counters.get(key) ?? this.add(key);
    c.limit = limit;
    if (!c.waiting.length && now - c.syncedAt < STALE_MS && c.unsynced < budget(limit)) return this.decide(c, now);
    const waiting = c.waiting;
    this.schedule(true);
    return new Promise((resolve) => waiting.push(resolve));
  }

  private add(key: string): Counter {
    const c: Counter = {
      key,
      limit: 0,
      start: 0,
      previous: 0,
      current: 0,
      syncedAt: -Infinity,
      own: new Map(),
      sent: new Map(),
      unsynced: 0,
      waiting: [],
    };
    this.counters.set(key, c);
    return c;
  }

  private decide(c: Counter, now: number): RateDecision {
    const t = now + this.offset;
    const start = t - (t % WINDOW_MS);
    let previous = 0;
    let current = 0;
    if (start === c.start) {
      previous = c.previous;
      current = c.current;
    } else if (start === c.start + WINDOW_MS) {
      previous = c.current;
    }
    previous += (c.own.get(start - WINDOW_MS) ?? 0) + (c.sent.get(start - WINDOW_MS) ?? 0);
    current += (c.own.get(start) ?? 0) + (c.sent.get(start) ?? 0);
    const decision = decideByCounter(c.limit, previous, current, t);
    if (decision.allowed) {
      c.own.set(start, (c.own.get(start) ?? 0) + 1);
      c.unsynced++;
      this.schedule(false);
    }
    return decision;
  }

  /** A sync soon (checks are waiting for it: at the next timer tick, joined by this turn's others) or within SYNC_MS. */
  private schedule(soon: boolean) {
    if (this.syncing || (this.timer && (this.timerSoon || !soon))) return;
    clearTimeout(this.timer);
    this.timerSoon = soon;
    this.timer = setTimeout(() => void this.sync(), soon ? 0 : SYNC_MS);
    // Counts not yet sent do not keep the process alive; a waiting check does.
    if (!soon) this.timer.unref();
  }

  private async sync() {
    this.timer = undefined;
    this.syncing = true;
    const batch = [...this.counters.values()].filter((c) => c.own.size || c.waiting.length);
    const args: (string | number)[] = [];
    for (const c of batch) {
      c.sent = c.own;
      c.own = new Map();
      const minutes = [...c.sent].slice(-2);
      for (let i = 0; i < 2; i++) args.push(...(minutes[i] ?? [0, 0]));
    }
    const reply = batch.length
      ? ((await this.run(
          batch.map((c) => `kh:rlc:${c.key}`),
          args,
        )) as [string, ...number[]] | undefined)
      : [];
    this.syncing = false;
    const now = Date.now();
    if (!reply) {
      // Redis cannot answer: these keys are limited per instance until it does (the limiter logs it).
      for (const c of batch) {
        this.counters.delete(c.key);
        for (const resolve of c.waiting) resolve(this.fallback(c.key, c.limit));
      }
    } else if (batch.length) {
      this.offset = Number(reply[0]) - now;
      const t = now + this.offset;
      batch.forEach((c, i) => {
        c.start = t - (t % WINDOW_MS);
        c.previous = reply[1 + 2 * i] as number;
        c.current = reply[2 + 2 * i] as number;
        c.syncedAt = now;
        c.sent = new Map();
        c.unsynced = 0;
        for (const n of c.own.values()) c.unsynced += n;
        let served = 0;
        while (served < c.waiting.length && c.unsynced < budget(c.limit)) c.waiting[served++](this.decide(c, now));
        c.waiting = c.waiting.slice(served);
      });
    }
    this.prune(now);
    // Checks that arrived while this sync was out, or that the budget still holds back.
    let counted = false;
    for (const c of this.counters.values()) {
      if (c.waiting.length) return this.schedule(true);
      counted ||= c.own.size > 0;
    }
    if (counted) this.schedule(false);
  }

  // Counters with nothing to send and totals too old to matter hold nothing worth keeping.
  private prune(now: number) {
    if (now - this.lastPrune < WINDOW_MS) return;
    this.lastPrune = now;
    for (const [key, c] of this.counters) {
      if (!c.own.size && !c.waiting.length && now - c.syncedAt >= 2 * WINDOW_MS) this.counters.delete(key);
    }
  }
}

/** What one instance may admit between syncs: at least one request. */
function budget(limit: number): number {
  return Math.max(1, Math.floor(limit * SHARE));
}
