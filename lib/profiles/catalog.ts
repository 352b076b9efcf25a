// Compatibility profiles: the contracts of the memory APIs Keyhouse was designed from, so
// their existing clients work with Keyhouse-issued keys by changing only their base URL.
// A profile is data (this file, safe for client components) plus a thin route adapter in
// lib/api/compat/. Facts: ../shared/reference/memory-apis/ (where a client and its
// documentation disagree, the client wins).
import type { KeyEnvironment } from "../keys/constants";

export const PROFILE_IDS = ["memory-os", "mem0", "memorysync", "memoryrelay", "memlayer"] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
export const DEFAULT_PROFILE: ProfileId = "memory-os";

type PlanName = "FREE" | "PRO" | "ENTERPRISE";
export interface PlanLimits {
  /** Requests per key per minute. */
  perMinute: number;
  /** Requests per organization per day; null: unlimited. */
  perDay: number | null;
  /** Stored memories per organization; null: unlimited. */
  memories: number | null;
}

export interface Credential {
  /** `Authorization` schemes accepted (`Bearer`, `Token`); empty: the header is not read. */
  schemes: readonly string[];
  /** Whether `X-API-Key` is read. */
  apiKeyHeader: boolean;
}

export interface ProfileInfo {
  id: ProfileId;
  label: string;
  /** What every key of the profile starts with, before the environment (if any) and the secret. */
  keyStart: string;
  /** Whether the environment is spelled in the key (`mos_live_…`) or only stored (`m0-…`). */
  environmentInKey: boolean;
  environments: readonly KeyEnvironment[];
  credential: Credential;
  scopes: readonly { scope: string; description: string }[];
  defaultScopes: readonly string[];
  /** The scope that grants every other one. */
  allScope: string;
  plans: Record<PlanName, PlanLimits>;
  /** The base URL its clients are given (below the deployment's origin); routes follow it. */
  basePath: string;
  /** A first request that proves a key, for the dashboard's snippets. */
  example: { path: string; headers?: Record<string, string> };
}

const MEMORY_OS_SCOPES = [
  { scope: "memories:read", description: "Read memories" },
  { scope: "memories:write", description: "Create, change and delete memories" },
  { scope: "search:read", description: "Search memories" },
  { scope: "admin", description: "Manage this organization's keys through the API" },
  { scope: "*", description: "Every scope, including ones added later" },
] as const;
const MEMORY_OS_DEFAULT_SCOPES = ["memories:read", "memories:write", "search:read"];

const MEMORY_OS_PLANS: Record<PlanName, PlanLimits> = {
  FREE: { perMinute: 100, perDay: 1_000, memories: null },
  PRO: { perMinute: 1_000, perDay: 100_000, memories: null },
  ENTERPRISE: { perMinute: 10_000, perDay: null, memories: null },
};

const BEARER_OR_HEADER: Credential = { schemes: ["Bearer"], apiKeyHeader: true };

export const PROFILES: Record<ProfileId, ProfileInfo> = {
  "memory-os": {
    id: "memory-os",
    label: "Memory OS",
    keyStart: "mos_",
    environmentInKey: true,
    environments: ["live", "test"],
    // /api/v1 has always also taken `Token` and X-API-Key; Memory OS clients send Bearer.
    credential: { schemes: ["Bearer", "Token"], apiKeyHeader: true },
    scopes: MEMORY_OS_SCOPES,
    defaultScopes: MEMORY_OS_DEFAULT_SCOPES,
    allScope: "*",
    plans: MEMORY_OS_PLANS,
    // Memory OS clients append /v1/...: /api/v1 is this contract (also at /compat/memory-os).
    basePath: "/api",
    example: { path: "/v1/ping" },
  },
  mem0: {
    id: "mem0",
    label: "Mem0",
    keyStart: "m0-",
    environmentInKey: false,
    environments: ["live", "test"],
    credential: { schemes: ["Token"], apiKeyHeader: false },
    scopes: MEMORY_OS_SCOPES,
    defaultScopes: MEMORY_OS_DEFAULT_SCOPES,
    allScope: "*",
    plans: MEMORY_OS_PLANS,
    basePath: "/compat/mem0",
    example: { path: "/v1/ping/" },
  },
  memorysync: {
    id: "memorysync",
    label: "MemorySync",
    keyStart: "ms_",
    environmentInKey: true,
    environments: ["live", "test"],
    credential: { schemes: [], apiKeyHeader: true },
    scopes: MEMORY_OS_SCOPES,
    defaultScopes: MEMORY_OS_DEFAULT_SCOPES,
    allScope: "*",
    plans: MEMORY_OS_PLANS,
    basePath: "/compat/memorysync",
    example: { path: "/memory/export", headers: { "X-End-User-ID": "user_123" } },
  },
  memoryrelay: {
    id: "memoryrelay",
    label: "MemoryRelay",
    keyStart: "mem_",
    environmentInKey: false,
    environments: ["live", "test"],
    credential: BEARER_OR_HEADER,
    scopes: [
      { scope: "read", description: "List, get and search memories" },
      { scope: "write", description: "Create and change memories" },
      { scope: "delete", description: "Delete memories" },
      { scope: "admin", description: "Everything, including managing keys through the API" },
    ],
    defaultScopes: ["read", "write"],
    allScope: "admin",
    // "100 requests per minute per API key" on every plan.
    plans: {
      FREE: { ...MEMORY_OS_PLANS.FREE, perMinute: 100 },
      PRO: { ...MEMORY_OS_PLANS.PRO, perMinute: 100 },
      ENTERPRISE: { ...MEMORY_OS_PLANS.ENTERPRISE, perMinute: 100 },
    },
    basePath: "/compat/memoryrelay",
    example: { path: "/v1/memories" },
  },
  memlayer: {
    id: "memlayer",
    label: "MemLayer",
    keyStart: "ml_",
    environmentInKey: true,
    // MemLayer refuses any key not starting ml_live_: there is no test environment.
    environments: ["live"],
    credential: { schemes: [], apiKeyHeader: true },
    scopes: MEMORY_OS_SCOPES,
    defaultScopes: MEMORY_OS_DEFAULT_SCOPES,
    allScope: "*",
    // The free plan: 100 requests per day and 500 memories.
    plans: { ...MEMORY_OS_PLANS, FREE: { perMinute: 100, perDay: 100, memories: 500 } },
    basePath: "/compat/memlayer",
    example: { path: "/memories?user_id=user_123&agent_id=agent_1" },
  },
};

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === "string" && (PROFILE_IDS as readonly string[]).includes(value);
}

/** A stored profile name (the column is text) as a profile; unknown names read as the default. */
export function profileOf(id: string | null | undefined): ProfileInfo {
  return isProfileId(id) ? PROFILES[id] : PROFILES[DEFAULT_PROFILE];
}

/** How every key of the profile begins, with its environment when the key spells it. */
export function keyStarts(profile: ProfileInfo): string[] {
  return profile.environmentInKey ? profile.environments.map((e) => `${profile.keyStart}${e}_`) : [profile.keyStart];
}

/** Exact match; the profile's all-scope (`*`, or MemoryRelay's `admin`) grants every scope. */
export function profileHasScope(profile: ProfileInfo, granted: readonly string[], required: string): boolean {
  return granted.includes(profile.allScope) || granted.includes(required);
}

/** The credential line its clients send, for snippets: `["Authorization", "Token m0-…"]`. */
export function credentialHeader(profile: ProfileInfo, key: string): [string, string] {
  const scheme = profile.credential.schemes[0];
  return scheme ? ["Authorization", `${scheme} ${key}`] : ["X-API-Key", key];
}

/** The profile whose format a key (or its hint) has; Memory OS for anything else. */
export function profileOfKey(key: string): ProfileInfo {
  return PROFILE_IDS.map((id) => PROFILES[id]).find((p) => key.startsWith(p.keyStart)) ?? PROFILES[DEFAULT_PROFILE];
}
