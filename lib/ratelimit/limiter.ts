import { createHash } from "node:crypto";
import type Redis from "ioredis";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { isReady, redis } from "../redis/client";
import { CHARGE_SCRIPT, decideLimits, LIMIT_WINDOWS, WindowCounters, type LimitCharge, type LimitsDecision } from "./named-limits";
import { decide, decideByCounter, EXACT_LOG_MAX, windowFor, WINDOW_MS, type RateDecision } from "./sliding-window";

// Per-key per-minute limits (sliding window log up to EXACT_LOG_MAX, sliding window counter
// above: see sliding-window.ts) and per-organization daily quotas. In memory by default; in
// Redis when REDIS_URL is set (one atomic Lua script per check, on Redis's own clock), so
// every instance shares them. While Redis is down: in memory, logged once, until it
// answers again. Redis memory per key: at most EXACT_LOG_MAX sorted-set members (about
// 100 KB), or two counters.

const WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], 60000)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or now
return {allowed, count, tostring(oldest), tostring(now)}
`;

// The counter: this minute's and last minute's counts in two keys that expire on their own.
const COUNTER_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local start = now - (now % 60000)
local current_key = KEYS[1] .. ':' .. start
local previous = tonumber(redis.call('GET', KEYS[1] .. ':' .. (start - 60000)) or '0')
local current = tonumber(redis.call('GET', current_key) or '0')
if previous * (1 - (now - start) / 60000) + current < limit then
  redis.call('INCR', current_key)
  redis.call('PEXPIRE', current_key, 120000)
end
return {previous, current, tostring(now)}
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

let sequence = 0;
const INSTANCE = Math.random().toString(36).slice(2, 10);

const DAY_MS = 86_400_000;

class Limiter {
  private logs = new Map<string, ReturnType<typeof windowFor>>();
  private daily = new Map<string, number>();
  private named = new WindowCounters();
  private degraded = false;
  private lastPrune = Date.now();

  /** The verdict of one request; a Promise only when the limit lives in Redis. */
  check(key: string, limit: number, now = Date.now()): RateDecision | Promise<RateDecision> {
    const client = redis();
    if (!client) return this.checkInMemory(key, limit, now);
    return this.checkShared(client, key, limit);
  }

  private async checkShared(client: Redis, key: string, limit: number): Promise<RateDecision> {
    const ready = isReady(client);
    if (ready === true || (ready !== false && (await ready))) {
      try {
        if (limit > EXACT_LOG_MAX) {
          const [previous, current, now] = (await runScript(client, COUNTER_SCRIPT, [`kh:rlc:${key}`], limit)) as [number, number, string];
          this.recovered();
          return decideByCounter(limit, previous, current, Number(now));
        }
        const member = `${INSTANCE}:${++sequence}`;
        const [allowed, count, oldest, now] = (await runScript(client, WINDOW_SCRIPT, [`kh:rl:${key}`], limit, member)) as [
          number,
          number,
          string,
          string,
        ];
        this.recovered();
        return decide(allowed === 1, limit, count, Number(oldest), Number(now));
      } catch (err) {
        this.fellBack(err);
      }
    } else {
      this.fellBack(new Error(`connection ${client.status}`));
    }
    return this.checkInMemory(key, limit, Date.now());
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
    const ready = isReady(client);
    if (ready === true || (ready !== false && (await ready))) {
      try {
        const args = charges.flatMap((c) => [c.limit, LIMIT_WINDOWS[c.window], c.cost]);
        const keys = charges.map((c) => `kh:nl:${c.key}`);
        const [blocked, now, ...used] = (await runScript(client, CHARGE_SCRIPT, keys, ...args)) as [number, string, ...number[]];
        this.recovered();
        return decideLimits(charges, used, blocked - 1, Number(now));
      } catch (err) {
        this.fellBack(err);
      }
    } else {
      this.fellBack(new Error(`connection ${client.status}`));
    }
    return this.named.charge(charges, Date.now());
  }

  /** Counts one use against the organization's daily quota; false once it is used up. A Promise only with Redis. */
  countDaily(orgId: string, limit: number | null): boolean | Promise<boolean> {
    if (limit === null) return true;
    const key = `kh:quota:${orgId}:${today()}`;
    const client = redis();
    return client ? this.countDailyShared(client, key, limit) : this.countDailyInMemory(key, limit);
  }

  private async countDailyShared(client: Redis, key: string, limit: number): Promise<boolean> {
    const ready = isReady(client);
    if (ready === true || (ready !== false && (await ready))) {
      try {
        const used = await client.incr(key);
        if (used === 1) await client.pexpire(key, DAY_MS + 3_600_000);
        this.recovered();
        return used <= limit;
      } catch (err) {
        this.fellBack(err);
      }
    }
    return this.countDailyInMemory(key, limit);
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
