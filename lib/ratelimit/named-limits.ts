import { z } from "zod";

// Named limits: several per key (and per identity, shared by its keys), such as `requests`
// 100 per minute and `tokens` 50,000 per day. A request states what it costs of each (default 1)
// and is admitted only when every limit can pay; then all are charged together, or none.
//
// Fixed windows aligned to UTC (a minute from :00, an hour from the hour, a day from midnight):
// one counter per limit and window, so memory is constant whatever the limit, N concurrent
// requests against L admit exactly L within a window, and `reset` is the window's end. The
// price: a burst at a window's end and another at the next window's start can together pass
// up to twice the limit within one window's length.

export const LIMIT_WINDOWS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type LimitWindow = keyof typeof LIMIT_WINDOWS;
export const WINDOW_NAMES = Object.keys(LIMIT_WINDOWS) as [LimitWindow, ...LimitWindow[]];
const MAX_NAMED_LIMITS = 10;
const MAX_LIMIT = 1_000_000_000;

const limitNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,31}$/, { error: "A limit's name is 1 to 32 lowercase letters, digits, _ . or -, starting with a letter." });

const namedLimitSchema = z.object({
  name: limitNameSchema,
  limit: z
    .number({ error: "A limit is a whole number." })
    .int({ error: "A limit is a whole number." })
    .min(1, { error: "A limit is at least 1." })
    .max(MAX_LIMIT, { error: `A limit is at most ${MAX_LIMIT}.` }),
  window: z.enum(WINDOW_NAMES, { error: "A limit's window is second, minute, hour or day." }),
});
export type NamedLimit = z.infer<typeof namedLimitSchema>;

export const namedLimitsSchema = z
  .array(namedLimitSchema)
  .max(MAX_NAMED_LIMITS, { error: `At most ${MAX_NAMED_LIMITS} limits.` })
  .superRefine((limits, ctx) => {
    const seen = new Set<string>();
    for (const [i, { name }] of limits.entries()) {
      if (seen.has(name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `The limit "${name}" is named twice.` });
      // Names of Object.prototype members ("constructor") are refused for new limits.
      if (name in Object.prototype) ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${name}" is a reserved name: choose another.` });
      seen.add(name);
    }
  });

/** What a request costs of each named limit (unnamed limits: 1; 0 leaves a limit untouched). */
export const limitCostsSchema = z
  .record(limitNameSchema, z.number().int({ error: "A cost is a whole number." }).min(0, { error: "A cost cannot be negative." }).max(MAX_LIMIT))
  .refine((costs) => Object.keys(costs).length <= MAX_NAMED_LIMITS * 2, { error: "Too many limits named." });

/** A named limit's data from the database (JSON, written only through namedLimitsSchema). */
export function storedLimits(value: unknown): NamedLimit[] {
  // Stored limits are enforced as they are, even under a name refused today.
  const parsed = z.array(namedLimitSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** One limit to charge. */
export interface LimitCharge {
  /** Its counter: whose it is (`k:<keyId>` or `i:<identityId>`), the name and the window. */
  key: string;
  name: string;
  limit: number;
  window: LimitWindow;
  cost: number;
  /** An identity's limit, shared by all its keys. */
  shared: boolean;
}

export interface LimitState {
  name: string;
  limit: number;
  window: LimitWindow;
  /** Left in this window after this request (or as it stands, when refused). */
  remaining: number;
  /** Unix seconds when this window ends and the limit starts afresh. */
  reset: number;
  shared: boolean;
}

export interface LimitsDecision {
  allowed: boolean;
  /** The first limit that could not pay (null when allowed). */
  exceeded: LimitState | null;
  limits: LimitState[];
  /** Seconds until the exceeded limit's window ends (0 when allowed). */
  retryAfter: number;
}

/** The charges of an owner's limits at cost 1 (built once per key record, not per request). */
export function chargesOf(limits: NamedLimit[], owner: string, shared: boolean): LimitCharge[] {
  return limits.map((l) => ({ key: `${owner}:${l.name}:${LIMIT_WINDOWS[l.window]}`, name: l.name, limit: l.limit, window: l.window, cost: 1, shared }));
}

const windowStart = (window: LimitWindow, now: number) => now - (now % LIMIT_WINDOWS[window]);

/** The decision from each counter's value (after charging when allowed; before, when refused). */
export function decideLimits(charges: LimitCharge[], used: number[], blocked: number, now: number): LimitsDecision {
  const limits = charges.map((c, i) => ({
    name: c.name,
    limit: c.limit,
    window: c.window,
    remaining: Math.max(0, c.limit - used[i]),
    reset: Math.ceil((windowStart(c.window, now) + LIMIT_WINDOWS[c.window]) / 1000),
    shared: c.shared,
  }));
  const exceeded = blocked >= 0 ? limits[blocked] : null;
  return {
    allowed: !exceeded,
    exceeded,
    limits,
    retryAfter: exceeded ? Math.max(1, exceeded.reset - Math.floor(now / 1000)) : 0,
  };
}

/** Counters in this process: one number per limit and window. */
export class WindowCounters {
  private counters = new Map<string, { start: number; end: number; used: number }>();

  charge(charges: LimitCharge[], now: number): LimitsDecision {
    const used: number[] = [];
    let blocked = -1;
    const entries = charges.map((c, i) => {
      const start = windowStart(c.window, now);
      let entry = this.counters.get(c.key);
      if (!entry || entry.start !== start) entry = { start, end: start + LIMIT_WINDOWS[c.window], used: 0 };
      used[i] = entry.used;
      if (blocked < 0 && entry.used + c.cost > c.limit) blocked = i;
      return entry;
    });
    if (blocked < 0) {
      charges.forEach((c, i) => {
        entries[i].used += c.cost;
        used[i] = entries[i].used;
        this.counters.set(c.key, entries[i]);
      });
    }
    return decideLimits(charges, used, blocked, now);
  }

  /** Forgets counters whose window has ended. */
  prune(now: number) {
    for (const [key, entry] of this.counters) if (entry.end <= now) this.counters.delete(key);
  }
}

/**
 * The same in Redis, atomically, on Redis's clock: KEYS are the counters, ARGV (limit, window
 * ms, cost) per counter. Returns the index of the limit that refused (0: none), Redis's time,
 * then each counter's value.
 */
export const CHARGE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local used = {}
local blocked = 0
for i = 1, #KEYS do
  local limit, window, cost = tonumber(ARGV[3*i-2]), tonumber(ARGV[3*i-1]), tonumber(ARGV[3*i])
  local start = now - (now % window)
  used[i] = tonumber(redis.call('GET', KEYS[i] .. ':' .. start) or '0')
  if blocked == 0 and used[i] + cost > limit then blocked = i end
end
if blocked == 0 then
  for i = 1, #KEYS do
    local window, cost = tonumber(ARGV[3*i-1]), tonumber(ARGV[3*i])
    local start = now - (now % window)
    if cost > 0 then
      used[i] = redis.call('INCRBY', KEYS[i] .. ':' .. start, cost)
      redis.call('PEXPIREAT', KEYS[i] .. ':' .. start, start + window + 1000)
    end
  end
end
local out = {blocked, tostring(now)}
for i = 1, #KEYS do out[i + 2] = used[i] end
return out
`;

/** "tokens: 50,000 per day" */
export const describeLimit = (l: NamedLimit) => `${l.name}: ${l.limit.toLocaleString("en-US")} per ${l.window}`;
