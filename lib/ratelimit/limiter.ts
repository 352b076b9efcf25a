import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { isReady, redis } from "../redis/client";
import { decide, WindowLog, type RateDecision } from "./sliding-window";

// Per-key per-minute limits (sliding window log) and per-organization daily quotas. In
// memory by default; in Redis when REDIS_URL is set (one atomic Lua script per check, on
// Redis's own clock), so every instance shares them. While Redis is down: in memory,
// logged once, until it answers again.

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

let sequence = 0;
const INSTANCE = Math.random().toString(36).slice(2, 10);

const DAY_MS = 86_400_000;

class Limiter {
  private logs = new Map<string, WindowLog>();
  private daily = new Map<string, number>();
  private degraded = false;
  private lastPrune = Date.now();

  async check(key: string, limit: number): Promise<RateDecision> {
    const client = redis();
    if (client && isReady(client)) {
      try {
        const member = `${INSTANCE}:${++sequence}`;
        const [allowed, count, oldest, now] = (await client.eval(WINDOW_SCRIPT, 1, `kh:rl:${key}`, limit, member)) as [
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
    } else if (client) {
      this.fellBack(new Error(`connection ${client.status}`));
    }
    return this.checkInMemory(key, limit);
  }

  /** Counts one use against the organization's daily quota; false once it is used up. */
  async countDaily(orgId: string, limit: number | null): Promise<boolean> {
    if (limit === null) return true;
    const day = new Date().toISOString().slice(0, 10);
    const key = `kh:quota:${orgId}:${day}`;
    const client = redis();
    if (client && isReady(client)) {
      try {
        const used = await client.incr(key);
        if (used === 1) await client.pexpire(key, DAY_MS + 3_600_000);
        this.recovered();
        return used <= limit;
      } catch (err) {
        this.fellBack(err);
      }
    }
    const used = (this.daily.get(key) ?? 0) + 1;
    this.daily.set(key, used);
    return used <= limit;
  }

  private checkInMemory(key: string, limit: number): RateDecision {
    const now = Date.now();
    this.prune(now);
    let log = this.logs.get(key);
    if (!log || log.limit !== limit) {
      log = new WindowLog(limit);
      this.logs.set(key, log);
    }
    return log.check(now);
  }

  // Logs with nothing left in the window hold no state worth keeping.
  private prune(now: number) {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [k, window] of this.logs) if (window.idle(now)) this.logs.delete(k);
    const today = new Date(now).toISOString().slice(0, 10);
    for (const k of this.daily.keys()) if (!k.endsWith(today)) this.daily.delete(k);
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

export function limiter(): Limiter {
  return processSingleton("limiter", () => new Limiter());
}
