import { createHash } from "node:crypto";
import { countRedisFallback } from "../metrics/metrics";
import type Redis from "ioredis";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { isReady, redis } from "../redis/client";
import {
  CHARGE_SCRIPT,
  decideLimits,
  LIMIT_WINDOWS,
  WindowCounters,
  type LimitCharge,
  type LimitsDecision,
} from "./named-limits";
import { SharedCounters, SYNC_SCRIPT } from "./shared-counters";
import { decide, EXACT_LOG_MAX, windowFor, WINDOW_MS, type RateDecision } from "./sliding-window";

const DAY_MS = 86_400_000;

// Per-key per-minute limits (sliding window log up to EXACT_LOG_MAX, sliding window counter
// above: see sliding-window.ts) and per-organization daily quotas. In memory by default; in
// Redis when REDIS_URL is set, so every instance shares them: the exact logs and daily quotas
// in atomic Lua scripts on Redis's own clock (the checks of one event-loop turn in one script),
// the counters counted here and added to Redis every 100 ms (shared-counters.ts, its error
// stated there). While Redis is down: in memory, logged once, until it answers again. Redis
// memory per key: at most EXACT_LOG_MAX sorted-set members (about 100 KB), or two counters.

// Every exact-log and daily check of one event-loop turn, in order, in one script (see
// Limiter.send): KEYS[i] is a check's key, ARGV[2i-1] its limit, ARGV[2i] what it is: a log
// member (the exact log) or "day" (a daily quota's count). Returns Redis's clock, then three
// values per check: the log's (allowed, count, oldest admission) or the day's (used, 0, 0).
const CHECKS_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {tostring(now)}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local kind = ARGV[2 * i]
  if kind == 'day' then
    local used = redis.call('INCR', key)
    if used == 1 then redis.call('PEXPIRE', key, ${DAY_MS + 3_600_000}) end
    table.insert(out, used)
    table.insert(out, 0)
    table.insert(out, '0')
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 60000)
    local count = redis.call('ZCARD', key)
    local allowed = 0
    if count < limit then
      redis.call('ZADD', key, now, kind)
      count = count + 1
      allowed = 1
    end
    redis.call('PEXPIRE', key, 60000)
    table.insert(out, allowed)
    table.insert(out, count)
    table.insert(out, redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2] or tostring(now))
  end
end
return out
`;

// Sent once per connection and then run by its SHA-1 (EVALSHA), not resent with every check.
const scripts = new Map<string, string>();
async function runScript(client: Redis, script: string, keys: string[], ...args: (string | number)[]): Promise<unknown> {
  let sha = scripts.get(script);
  if (!sha) scripts.set(script, (sha = createHash("sha1").update(script).digest("hex")));
  try {
    return await client.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
    return client.eval(script, keys.length, ...keys, ...args);
  }
}

/** One check waiting for the end of the turn: its script arguments, and what to do with its answer. */
interface Pending {
  key: string;
  limit: number;
  kind: string;
  settle(a: number, b: number, oldest: string, now: number): void;
  /** Decides in memory instead, when Redis cannot answer. */
  inMemory(): void;
}

const MAX_BATCH = 1000;
let sequence = 0;
const INSTANCE = Math.random().toString(36).slice(2, 10);

export class Limiter {
  private logs = new Map<string, ReturnType<typeof windowFor>>();
  private daily = new Map<string, number>();
  private named = new WindowCounters();
  private degraded = false;
  private pending: Pending[] = [];
  private lastPrune = Date.now();
  private counters = new SharedCounters(
    (keys, args) => {
      const client = redis();
      return client ? this.runShared(client, SYNC_SCRIPT, keys, args) : Promise.resolve(undefined);
    },
    (key, limit) => this.checkInMemory(key, limit, Date.now()),
  );

  /** The verdict of one request; a Promise only when the limit lives in Redis. */
  check(key: string, limit: number, now = Date.now()): RateDecision | Promise<RateDecision> {
    const client = redis();
    if (!client) return this.checkInMemory(key, limit, now);
    return this.checkShared(client, key, limit);
  }

  // The checks of one turn of the event loop go to Redis together, in one script, when the
  // turn ends (as answers are written together, lib/http/end-soon.ts): one command and one
  // write per turn rather than per request: writes sent one by one were most of a busy
  // server's time (docs/benchmarks.md). Large limits need no script per turn: see shared-counters.ts.
  private checkShared(client: Redis, key: string, limit: number): RateDecision | Promise<RateDecision> {
    if (limit > EXACT_LOG_MAX) return this.counters.check(key, limit);
    return new Promise((resolve) => {
      this.send(client, {
        key: `kh:rl:${key}`,
        limit,
        kind: `${INSTANCE}:${++sequence}`,
        settle: (allowed, count, oldest, now) => resolve(decide(allowed === 1, limit, count, Number(oldest), now)),
        inMemory: () => resolve(this.checkInMemory(key, limit, Date.now())),
      });
    });
  }

  private send(client: Redis, check: Pending) {
    const waiting = this.pending.push(check);
    if (waiting === 1) setImmediate(() => void this.sendPending(client));
    // A burst larger than this goes in several scripts, none holding Redis for long.
    else if (waiting >= MAX_BATCH) void this.sendPending(client);
  }

  private async sendPending(client: Redis) {
    const checks = this.pending;
    if (!checks.length) return;
    this.pending = [];
    const keys = checks.map((c) => c.key);
    const args = checks.flatMap((c) => [c.limit, c.kind]);
    const reply = (await this.runShared(client, CHECKS_SCRIPT, keys, args)) as [string, ...(number | string)[]] | undefined;
    if (!reply) {
      for (const c of checks) c.inMemory();
      return;
    }
    const now = Number(reply[0]);
    checks.forEach((c, i) => c.settle(reply[1 + 3 * i] as number, reply[2 + 3 * i] as number, reply[3 + 3 * i] as string, now));
  }

  /** A script's reply, or undefined when Redis cannot answer (the caller decides in memory; logged once). */
  private async runShared(client: Redis, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    const ready = isReady(client);
    if (ready === true || (ready !== false && (await ready))) {
      try {
        const reply = await runScript(client, script, keys, ...args);
        this.recovered();
        return reply;
      } catch (err) {
        this.fellBack(err);
      }
    } else {
      this.fellBack(new Error(`connection ${client.status}`));
    }
    return undefined;
  }

  /** Charges a request to every named limit at once, or to none (lib/ratelimit/named-limits.ts). A Promise only with Redis. */
  chargeLimits(charges: LimitCharge[], now = Date.now()): LimitsDecision | Promise<LimitsDecision> {
    const client = redis();
    if (!client) {
      this.prune(now);
      return this.named.charge(charges, now);
    }
    return this.chargeLimitsShared(client, charges);
  }

  private async chargeLimitsShared(client: Redis, charges: LimitCharge[]): Promise<LimitsDecision> {
    const args = charges.flatMap((c) => [c.limit, LIMIT_WINDOWS[c.window], c.cost]);
    const keys = charges.map((c) => `kh:nl:${c.key}`);
    const reply = (await this.runShared(client, CHARGE_SCRIPT, keys, args)) as [number, string, ...number[]] | undefined;
    if (!reply) return this.named.charge(charges, Date.now());
    const [blocked, now, ...used] = reply;
    return decideLimits(charges, used, blocked - 1, Number(now));
  }

  /** Counts one use against the organization's daily quota; false once it is used up. A Promise only with Redis. */
  countDaily(orgId: string, limit: number | null): boolean | Promise<boolean> {
    if (limit === null) return true;
    const key = `kh:quota:${orgId}:${today()}`;
    const client = redis();
    return client ? this.countDailyShared(client, key, limit) : this.countDailyInMemory(key, limit);
  }

  private countDailyShared(client: Redis, key: string, limit: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.send(client, {
        key,
        limit,
        kind: "day",
        settle: (used) => resolve(used <= limit),
        inMemory: () => resolve(this.countDailyInMemory(key, limit)),
      });
    });
  }

  private countDailyInMemory(key: string, limit: number): boolean {
    const used = (this.daily.get(key) ?? 0) + 1;
    this.daily.set(key, used);
    return used <= limit;
  }

  private checkInMemory(key: string, limit: number, now: number): RateDecision {
    this.prune(now);
    let window = this.logs.get(key);
    if (!window || window.limit !== limit) {
      window = windowFor(limit);
      this.logs.set(key, window);
    }
    return window.check(now);
  }

  // Logs with nothing left in the window hold no state worth keeping.
  private prune(now: number) {
    if (now - this.lastPrune < WINDOW_MS) return;
    this.lastPrune = now;
    for (const [k, window] of this.logs) if (window.idle(now)) this.logs.delete(k);
    this.named.prune(now);
    const day = today(now);
    for (const k of this.daily.keys()) if (!k.endsWith(day)) this.daily.delete(k);
  }

  private fellBack(err: unknown) {
    countRedisFallback();
    if (this.degraded) return;
    this.degraded = true;
    log().warn(
      `Redis unavailable (${err instanceof Error ? err.message : String(err)}): rate limits are per instance until it returns`,
    );
  }

  private recovered() {
    if (!this.degraded) return;
    this.degraded = false;
    log().info("Redis is back: rate limits are shared again");
  }
}

let day = { start: 0, name: "" };
/** The UTC date, recomputed once a day rather than per request. */
function today(now = Date.now()): string {
  if (now - day.start >= DAY_MS || now < day.start) {
    const start = now - (now % DAY_MS);
    day = { start, name: new Date(start).toISOString().slice(0, 10) };
  }
  return day.name;
}

export function limiter(): Limiter {
  return processSingleton("limiter", () => new Limiter());
}
