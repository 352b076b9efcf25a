import { processSingleton } from "../process-singleton";
import { isReady, redis } from "../redis/client";
import { gcra, type RateDecision } from "./gcra";

// Per-key per-minute limits (GCRA) and per-organization daily quotas. In memory by
// default; in Redis when REDIS_URL is set (one atomic Lua script per check, Redis's own
// clock), so every instance shares them. While Redis is down: in memory, logged once.

const GCRA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = 60000 / tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local newTat = tat + interval
if newTat - now <= 60000 then
  redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.ceil(newTat - now) + 1000)
end
return {tostring(tat), tostring(now)}
`;

const DAY_MS = 86_400_000;

class Limiter {
  private tats = new Map<string, number>();
  private daily = new Map<string, number>();
  private degraded = false;
  private lastPrune = Date.now();

  async check(key: string, limit: number): Promise<RateDecision> {
    const client = redis();
    if (client && isReady(client)) {
      try {
        const [tat, now] = (await client.eval(GCRA_SCRIPT, 1, `kh:rl:${key}`, limit)) as [string, string];
        this.recovered();
        return gcra(Number(tat), Number(now), limit).decision;
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
    const { decision, tat } = gcra(this.tats.get(key), now, limit);
    this.tats.set(key, tat);
    return decision;
  }

  // Entries whose theoretical arrival time has passed hold no state worth keeping.
  private prune(now: number) {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [k, tat] of this.tats) if (tat < now) this.tats.delete(k);
    const today = new Date(now).toISOString().slice(0, 10);
    for (const k of this.daily.keys()) if (!k.endsWith(today)) this.daily.delete(k);
  }

  private fellBack(err: unknown) {
    if (this.degraded) return;
    this.degraded = true;
    console.error(`Redis unavailable (${err instanceof Error ? err.message : String(err)}): rate limits are per instance until it returns`);
  }

  private recovered() {
    if (!this.degraded) return;
    this.degraded = false;
    console.error("Redis is back: rate limits are shared again");
  }

  reset() {
    this.tats.clear();
    this.daily.clear();
  }
}

export function limiter(): Limiter {
  return processSingleton("limiter", () => new Limiter());
}
