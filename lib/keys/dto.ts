import type { Prisma } from "@prisma/client";
import { storedLimits, type NamedLimit } from "../ratelimit/named-limits";
import { keyStatus, type KeyStatus } from "./status";

/** The columns a key is ever shown with; never the hash. */
export const KEY_SELECT = {
  id: true,
  name: true,
  hint: true,
  environment: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
  revokedReason: true,
  lastUsedAt: true,
  lastUsedIp: true,
  lastUsedUserAgent: true,
  createdAt: true,
  createdById: true,
  graceEndsAt: true,
  ratelimitPerMinute: true,
  rotatedFromId: true,
  disabledAt: true,
  ipAllowlist: true,
  metadata: true,
  credits: true,
  creditRefillAmount: true,
  creditRefillInterval: true,
  limits: true,
  identityId: true,
  identity: { select: { externalId: true } },
  projectId: true,
  project: { select: { name: true } },
  rotatedFrom: { select: { id: true, hint: true } },
  rotatedTo: { select: { id: true, hint: true } },
} satisfies Prisma.ApiKeySelect;

type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

export interface KeyDto {
  id: string;
  name: string;
  hint: string;
  environment: "live" | "test";
  scopes: string[];
  status: KeyStatus;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  lastUsedUserAgent: string | null;
  createdAt: Date;
  createdById: string | null;
  graceEndsAt: Date | null;
  ratelimitPerMinute: number | null;
  projectId: string | null;
  projectName: string | null;
  rotatedFromId: string | null;
  rotatedToId: string | null;
  rotatedFromHint: string | null;
  rotatedToHint: string | null;
  disabledAt: Date | null;
  ipAllowlist: string[];
  metadata: Record<string, unknown>;
  /** Credits left (null: unlimited) and the refill, if any. */
  credits: number | null;
  creditRefill: { amount: number; interval: "daily" | "monthly" } | null;
  /** The key's own named limits. */
  limits: NamedLimit[];
  /** The end customer (identity) the key belongs to, by the team's own id for them. */
  externalId: string | null;
}

// Field by field, so a row selected with more columns (the hash) never leaks through.
export function toKeyDto(row: KeyRow, now = new Date()): KeyDto {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    environment: row.environment,
    scopes: row.scopes,
    status: keyStatus(row, now),
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    lastUsedUserAgent: row.lastUsedUserAgent,
    createdAt: row.createdAt,
    createdById: row.createdById,
    graceEndsAt: row.graceEndsAt,
    ratelimitPerMinute: row.ratelimitPerMinute,
    projectId: row.projectId,
    projectName: row.project?.name ?? null,
    rotatedFromId: row.rotatedFromId,
    rotatedToId: row.rotatedTo?.id ?? null,
    rotatedFromHint: row.rotatedFrom?.hint ?? null,
    rotatedToHint: row.rotatedTo?.hint ?? null,
    disabledAt: row.disabledAt,
    ipAllowlist: row.ipAllowlist,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    credits: row.credits,
    creditRefill:
      row.creditRefillAmount !== null && (row.creditRefillInterval === "daily" || row.creditRefillInterval === "monthly")
        ? { amount: row.creditRefillAmount, interval: row.creditRefillInterval }
        : null,
    limits: storedLimits(row.limits),
    externalId: row.identity?.externalId ?? null,
  };
}
