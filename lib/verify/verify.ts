import { listContains } from "../http/client-ip";
import { hashKey, parseKey } from "../keys/format";
import { effectivePerMinute, planLimits } from "../keys/plans";
import { ROOT_SCOPE } from "../keys/scopes";
import { keyStarts, PROFILES, profileHasScope, type ProfileId } from "../profiles/catalog";
import type { RateDecision } from "../ratelimit/sliding-window";
import { limiter } from "../ratelimit/limiter";
import { usageBuffer, type Client, type Outcome } from "../usage/buffer";
import type { KeyRecord } from "./cache";
import { DatabaseUnavailable, findKeyByHash } from "./lookup";

type VerifyCode =
  | "VALID"
  | "UNAUTHORIZED"
  | "KEY_EXPIRED"
  | "KEY_REVOKED"
  | "KEY_DISABLED"
  | "IP_NOT_ALLOWED"
  | "FORBIDDEN"
  | "ACCOUNT_SUSPENDED"
  | "RATE_LIMITED"
  | "QUOTA_EXCEEDED"
  | "SERVICE_UNAVAILABLE";

export interface VerifyResult {
  code: VerifyCode;
  message: string;
  key?: KeyRecord;
  ratelimit?: RateDecision;
  /** Seconds, for 429 answers. */
  retryAfter?: number;
}

export interface Requirement {
  /** Every one of these scopes is needed (exact match; `*` grants all customer scopes). */
  scopes?: string[];
  /** Only a root key (no organization, scope keys:verify) may pass; customer keys never do. */
  root?: boolean;
  /** Only keys of this compatibility profile (its routes); unset: any enabled profile's keys. */
  profile?: ProfileId;
}

/** Gateways verify at high rates; root keys get a generous limit of their own. */
const ROOT_RATELIMIT_PER_MINUTE = Number(process.env.ROOT_RATELIMIT_PER_MINUTE ?? 1_000_000);

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
  SERVICE_UNAVAILABLE: "other",
};

/**
 * The hot path: shape and checksum (no database) → SHA-256 → cache → database on a miss →
 * revoked / expired → root or customer → suspended → scopes → per-minute limit → daily
 * quota. Counts the use in the usage buffer. Never throws for a caller's mistake.
 */
export async function verifyKey(
  raw: string | undefined,
  requirement: Requirement = {},
  client: Client = {},
): Promise<VerifyResult> {
  if (!raw) return { code: "UNAUTHORIZED", message: "Missing API key" };
  if (requirement.profile) {
    // A profile's routes take only its keys; "wrong format" is told apart from "invalid"
    // (MemLayer's clients show the difference).
    const profile = PROFILES[requirement.profile];
    const starts = keyStarts(profile);
    if (!starts.some((s) => raw.startsWith(s))) {
      return { code: "UNAUTHORIZED", message: `Wrong key format: ${profile.label} keys start with ${starts.join(" or ")}` };
    }
    if (!parseKey(raw, [profile])) return { code: "UNAUTHORIZED", message: "Invalid API key" };
  } else if (!parseKey(raw)) return { code: "UNAUTHORIZED", message: "Invalid API key" };
  let key: KeyRecord | null;
  try {
    key = await findKeyByHash(hashKey(raw));
  } catch (err) {
    if (err instanceof DatabaseUnavailable) {
      return { code: "SERVICE_UNAVAILABLE", message: "Key verification is temporarily unavailable; retry shortly" };
    }
    throw err;
  }
  if (!key) return { code: "UNAUTHORIZED", message: "Invalid API key" };
  const result = await check(key, requirement, client.ip);
  usageBuffer().record(key.id, key.organizationId, OUTCOME[result.code], client);
  return result;
}

async function check(key: KeyRecord, requirement: Requirement, ip: string | null | undefined): Promise<VerifyResult> {
  const now = Date.now();
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
  const perMinute = isRoot ? ROOT_RATELIMIT_PER_MINUTE : effectivePerMinute(key.plan!, key.ratelimitPerMinute, key.profile);
  const ratelimit = await limiter().check(key.id, perMinute);
  if (!ratelimit.allowed) {
    return {
      code: "RATE_LIMITED",
      message: `Rate limit exceeded: ${perMinute} requests per minute`,
      key,
      ratelimit,
      retryAfter: ratelimit.retryAfter,
    };
  }
  if (!isRoot) {
    const perDay = planLimits(key.plan!, key.profile).perDay;
    if (!(await limiter().countDaily(key.organizationId!, perDay))) {
      const untilMidnight = Math.ceil((86_400_000 - (now % 86_400_000)) / 1000);
      return {
        code: "QUOTA_EXCEEDED",
        message: `Daily quota of ${perDay} requests exceeded for this organization`,
        key,
        ratelimit,
        retryAfter: untilMidnight,
      };
    }
  }
  return { code: "VALID", message: "Valid", key, ratelimit };
}
