import { listContains } from "../http/client-ip";
import { countKeyCache, countVerification } from "../metrics/metrics";
import type { ErrorCode } from "../error-codes";
import { hashKey, isLegacyKey, parseKey } from "../keys/format";
import { effectivePerMinute, planLimits } from "../keys/plans";
import { ROOT_SCOPE } from "../keys/scopes";
import { keyStarts, PROFILE_IDS, PROFILES, profileHasScope, type ProfileId, type ProfileInfo } from "../profiles/catalog";
import type { LimitCharge, LimitsDecision, LimitState } from "../ratelimit/named-limits";
import type { RateDecision } from "../ratelimit/sliding-window";
import { limiter } from "../ratelimit/limiter";
import { usageBuffer, type Client, type Outcome } from "../usage/buffer";
import type { KeyRecord } from "./cache";
import { creditLedger, singleInstance } from "./credit-ledger";
import { secondsUntilRefill, spendCredits, type CreditOwner } from "./credits";
import { hasImportedShape } from "./imported-prefixes";
import { DatabaseUnavailable } from "../db/deadline";
import { findKeyByHash } from "./lookup";
import { settings } from "../config/settings";

// The codes a verification can answer with: every error code but those of other routes.
// BAD_REQUEST is a request that costs more of a named limit than the limit holds.
type VerifyCode = "VALID" | Exclude<ErrorCode, "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "INTERNAL_ERROR" | "MISSING_END_USER_ID" | "MEMORY_QUOTA_EXCEEDED">;

export interface VerifyResult {
  code: VerifyCode;
  message: string;
  key?: KeyRecord;
  ratelimit?: RateDecision;
  /** Seconds, for 429 answers. */
  retryAfter?: number;
  /** The key's credits left after this request (keys with credits only). */
  credits?: number;
  /** Each named limit's state (keys with named limits only). */
  limits?: LimitState[];
}

export interface Requirement {
  /** Every one of these scopes is needed (exact match; `*` grants all customer scopes). */
  scopes?: string[];
  /** Only a root key (no organization, scope keys:verify) may pass; customer keys never do. */
  root?: boolean;
  /** Only keys of this compatibility profile (its routes); unset: any enabled profile's keys. */
  profile?: ProfileId;
  /** Credits this request spends on a key that has them (default 1). */
  cost?: number;
  /** What this request costs of each named limit (default 1 each). */
  limits?: Record<string, number>;
}

// Each profile alone, as parseKey takes it: built once, not per request on the profile's routes.
const ONLY = Object.fromEntries(PROFILE_IDS.map((id) => [id, [PROFILES[id]]])) as Record<ProfileId, ProfileInfo[]>;

/** Gateways verify at high rates; root keys get a generous limit of their own. */
const ROOT_RATELIMIT_PER_MINUTE = settings().ROOT_RATELIMIT_PER_MINUTE;

const OUTCOME: Record<VerifyCode, Outcome> = {
  VALID: "ok",
  UNAUTHORIZED: "unauthorized",
  KEY_EXPIRED: "unauthorized",
  KEY_REVOKED: "unauthorized",
  KEY_DISABLED: "unauthorized",
  IP_NOT_ALLOWED: "forbidden",
  FORBIDDEN: "forbidden",
  ACCOUNT_SUSPENDED: "forbidden",
  RATE_LIMITED: "rateLimited",
  QUOTA_EXCEEDED: "rateLimited",
  USAGE_EXCEEDED: "rateLimited",
  SERVICE_UNAVAILABLE: "other",
  BAD_REQUEST: "other",
};

/**
 * The hot path: shape and checksum (no database) → SHA-256 → cache → database on a miss →
 * revoked / expired → root or customer → suspended → scopes → per-minute limit → daily
 * quota. Counts the use in the usage buffer. Never throws for a caller's mistake.
 */
export function verifyKey(raw: string | undefined, requirement: Requirement = {}, client: Client = {}): VerifyResult | Promise<VerifyResult> {
  const started = performance.now();
  const result = verifyUnmeasured(raw, requirement, client);
  if (result instanceof Promise) return result.then((r) => measured(r, requirement, started));
  return measured(result, requirement, started);
}

function measured(result: VerifyResult, requirement: Requirement, started: number): VerifyResult {
  countVerification(result.code, requirement.profile ?? result.key?.profile ?? "none", (performance.now() - started) / 1000);
  return result;
}

function verifyUnmeasured(raw: string | undefined, requirement: Requirement, client: Client): VerifyResult | Promise<VerifyResult> {
  if (!raw) return { code: "UNAUTHORIZED", message: "Missing API key" };
  const native = nativeHash(raw, requirement.profile);
  if (native) return lookUp(native, requirement, client);
  // Issued by an older Keyhouse under its deployment-wide prefix: still ours, by its checksum.
  if (isLegacyKey(raw)) return lookUp(hashKey(raw), requirement, client);
  // Not one of ours: perhaps a key imported from another system, under its own prefix.
  const imported = hasImportedShape(raw);
  const decide = (yes: boolean) => (yes ? lookUp(hashKey(raw), requirement, client) : refuseShape(raw, requirement));
  return imported instanceof Promise ? imported.then(decide) : decide(imported);
}

// A key presented again within one turn of the event loop (a gateway sends its root key with
// every request) is parsed and hashed once. Dropped when the turn ends: it holds no key longer
// than the requests that carry it; and never more than a busy turn's keys, should a caller
// verify in a loop that never lets the turn end.
let hashedThisTurn: Map<string, string> | undefined;
const MEMO_MAX = 1000;

/** The hash of a key in one of our formats (shape and checksum right), else null. */
function nativeHash(raw: string, profile: ProfileId | undefined): string | null {
  if (profile) return parseKey(raw, ONLY[profile]) ? hashKey(raw) : null;
  const known = hashedThisTurn?.get(raw);
  if (known !== undefined) return known;
  if (!parseKey(raw)) return null;
  const hash = hashKey(raw);
  if (!hashedThisTurn) {
    hashedThisTurn = new Map();
    setImmediate(() => (hashedThisTurn = undefined));
  }
  if (hashedThisTurn.size < MEMO_MAX) hashedThisTurn.set(raw, hash);
  return hash;
}

/** The answer when the database is needed and cannot answer in time (any other error is a bug: thrown). */
function unavailable(err: unknown): VerifyResult {
  if (err instanceof DatabaseUnavailable) {
    return { code: "SERVICE_UNAVAILABLE", message: "Key verification is temporarily unavailable; retry shortly" };
  }
  throw err;
}

/** Why a string that is no key is refused: a profile's routes tell "wrong format" from "invalid" (MemLayer's clients show the difference). */
function refuseShape(raw: string, requirement: Requirement): VerifyResult {
  if (requirement.profile) {
    const profile = PROFILES[requirement.profile];
    const starts = keyStarts(profile);
    if (!starts.some((s) => raw.startsWith(s))) {
      return { code: "UNAUTHORIZED", message: `Wrong key format: ${profile.label} keys start with ${starts.join(" or ")}` };
    }
  }
  return { code: "UNAUTHORIZED", message: "Invalid API key" };
}

function lookUp(hash: string, requirement: Requirement, client: Client): VerifyResult | Promise<VerifyResult> {
  // Synchronous while the key is cached and limits are in memory: the warm path awaits nothing.
  const now = Date.now();
  const found = findKeyByHash(hash, now);
  countKeyCache(!(found instanceof Promise));
  if (found instanceof Promise) {
    return found.then((key) => verifyFound(key, requirement, client, Date.now()), unavailable);
  }
  return verifyFound(found, requirement, client, now);
}

function verifyFound(key: KeyRecord | null, requirement: Requirement, client: Client, now: number): VerifyResult | Promise<VerifyResult> {
  if (!key) return { code: "UNAUTHORIZED", message: "Invalid API key" };
  // An imported key's prefix is its old system's: its organization's profile decides where it is accepted.
  if (requirement.profile && key.profile !== requirement.profile && key.organizationId !== null) {
    return refuseShape("", requirement);
  }
  const checked = check(key, requirement, client.ip, now);
  if (checked instanceof Promise) return checked.then((result) => counted(key, result, client, now));
  return counted(key, checked, client, now);
}

function counted(key: KeyRecord, result: VerifyResult, client: Client, now: number): VerifyResult {
  usageBuffer().record(key.id, key.organizationId, OUTCOME[result.code], client, now);
  return result;
}

// Synchronous unless a limit lives in Redis: a warm key in memory costs no await.
function check(key: KeyRecord, requirement: Requirement, ip: string | null | undefined, now: number): VerifyResult | Promise<VerifyResult> {
  if (key.revokedAt !== null && key.revokedAt <= now)
    return { code: "KEY_REVOKED", message: "This API key has been revoked", key };
  if (key.expiresAt !== null && key.expiresAt <= now) return { code: "KEY_EXPIRED", message: "This API key has expired", key };
  if (key.disabled) return { code: "KEY_DISABLED", message: "This API key is disabled", key };
  const isRoot = key.organizationId === null;
  if (requirement.root && !(isRoot && key.scopes.includes(ROOT_SCOPE))) {
    return { code: "FORBIDDEN", message: `Missing scope: ${ROOT_SCOPE}`, key };
  }
  if (!requirement.root && isRoot) return { code: "FORBIDDEN", message: "Root keys can only call POST /api/v1/keys/verify", key };
  if (key.suspended) return { code: "ACCOUNT_SUSPENDED", message: `This account is suspended: ${key.suspendedMessage}`, key };
  if (key.project?.archived) return { code: "FORBIDDEN", message: "Project archived", key };
  if (key.allowlist && !(ip && listContains(key.allowlist, ip))) {
    return { code: "IP_NOT_ALLOWED", message: "Requests from this IP address are not allowed for this key", key };
  }
  const profile = PROFILES[key.profile];
  for (const scope of requirement.scopes ?? []) {
    if (!profileHasScope(profile, key.scopes, scope)) return { code: "FORBIDDEN", message: `Missing scope: ${scope}`, key };
  }
  const charges = limitCharges(key, requirement.limits);
  if (typeof charges === "string") return { code: "BAD_REQUEST", message: charges, key };
  const perMinute = isRoot ? ROOT_RATELIMIT_PER_MINUTE : effectivePerMinute(key.plan!, key.ratelimitPerMinute, key.profile);
  let result = then(limiter().check(key.id, perMinute, now), (ratelimit) => afterRateLimit(key, ratelimit, perMinute, now));
  // Named limits are charged only for a request every check so far let through; credits last.
  if (charges.length) {
    result = then(result, (r) => (r.code === "VALID" ? then(limiter().chargeLimits(charges, now), (d) => afterLimits(key, r, d)) : r));
  }
  const owner = creditOwner(key);
  if (!owner) return result;
  const cost = requirement.cost ?? 1;
  return then(result, (r) => (r.code === "VALID" ? spend(key, owner, r, cost, now) : r));
}

/** `f` of a value now, or later when it is a Promise: the warm path stays synchronous. */
function then<T, U>(value: T | Promise<T>, f: (v: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** The key's and its identity's named limits with this request's costs, or why the request is refused. */
function limitCharges(key: KeyRecord, costs: Record<string, number> | undefined): LimitCharge[] | string {
  if (!costs || !key.charges.length) return key.charges;
  // Own properties only: a limit named like an Object.prototype member must not read it.
  const charges = key.charges.map((c) => (Object.hasOwn(costs, c.name) ? { ...c, cost: costs[c.name] } : c));
  const tooDear = charges.find((c) => c.cost > c.limit);
  if (tooDear) {
    return `Invalid body field 'limits.${tooDear.name}': this request costs ${tooDear.cost}, more than the whole limit (${tooDear.limit} per ${tooDear.window})`;
  }
  return charges;
}

// `result` is this request's own (made by afterQuota or afterRateLimit): filled in, not copied.
function afterLimits(key: KeyRecord, result: VerifyResult, decision: LimitsDecision): VerifyResult {
  if (decision.allowed) {
    result.limits = decision.limits;
    return result;
  }
  const e = decision.exceeded!;
  return {
    code: "RATE_LIMITED",
    message: `Rate limit exceeded: "${e.name}" allows ${e.limit} per ${e.window}${e.shared ? ", shared by this customer's keys" : ""}`,
    key,
    ratelimit: result.ratelimit,
    retryAfter: decision.retryAfter,
    limits: decision.limits,
  };
}

/** Whose credits a request spends: the key's own, else its identity's, else none. */
function creditOwner(key: KeyRecord): (CreditOwner & { refill: string | null }) | null {
  if (key.credits) return { table: "ApiKey", id: key.id, refill: key.credits.refill };
  if (key.identity?.credits) return { table: "Identity", id: key.identity.id, refill: key.identity.credits.refill };
  return null;
}

function spend(key: KeyRecord, owner: CreditOwner & { refill: string | null }, result: VerifyResult, cost: number, now: number): VerifyResult | Promise<VerifyResult> {
  // One instance holds balances in memory (synchronous once loaded); several share them in the database.
  const spending = singleInstance() ? creditLedger().spend(owner, cost, key.loadedAt, now) : spendCredits(owner, cost);
  const answer = then(spending, ({ spent, remaining }): VerifyResult => {
    if (spent) {
      if (remaining !== null) result.credits = remaining;
      return result;
    }
    return {
      code: "USAGE_EXCEEDED",
      message: `${owner.table === "Identity" ? "This customer's shared" : "This key's"} credits are used up: ${remaining} left, this request costs ${cost}`,
      key,
      ratelimit: result.ratelimit,
      retryAfter: secondsUntilRefill(owner.refill, now) ?? undefined,
      credits: remaining ?? 0,
      limits: result.limits,
    };
  });
  return answer instanceof Promise ? answer.catch(unavailable) : answer;
}

function afterRateLimit(key: KeyRecord, ratelimit: RateDecision, perMinute: number, now: number): VerifyResult | Promise<VerifyResult> {
  if (!ratelimit.allowed) {
    return {
      code: "RATE_LIMITED",
      message: `Rate limit exceeded: ${perMinute} requests per minute`,
      key,
      ratelimit,
      retryAfter: ratelimit.retryAfter,
    };
  }
  if (key.organizationId === null) return { code: "VALID", message: "Valid", key, ratelimit };
  const perDay = planLimits(key.plan!, key.profile).perDay;
  const counted = limiter().countDaily(key.organizationId, perDay);
  return counted instanceof Promise
    ? counted.then((within) => afterQuota(key, ratelimit, within, perDay, now))
    : afterQuota(key, ratelimit, counted, perDay, now);
}

function afterQuota(key: KeyRecord, ratelimit: RateDecision, within: boolean, perDay: number | null, now: number): VerifyResult {
  if (within) return { code: "VALID", message: "Valid", key, ratelimit };
  const untilMidnight = Math.ceil((86_400_000 - (now % 86_400_000)) / 1000);
  return {
    code: "QUOTA_EXCEEDED",
    message: `Daily quota of ${perDay} requests exceeded for this organization`,
    key,
    ratelimit,
    retryAfter: untilMidnight,
  };
}
