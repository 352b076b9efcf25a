import { addressList } from "../http/client-ip";
import { DEFAULT_SUSPENSION_MESSAGE } from "../orgs/suspension";
import { db } from "../db/client";
import { profileOf } from "../profiles/catalog";
import { chargesOf, storedLimits } from "../ratelimit/named-limits";
import { keyCache, NOT_FOUND, type KeyRecord } from "./cache";
import { withDeadline } from "./database-deadline";

// Concurrent misses for one hash share a single query.
const inflight = new Map<string, Promise<KeyRecord | null>>();

// A record in use is read again this long after it was loaded, in the background, while it
// keeps answering: a busy key never waits for the database when its cache entry (60 s) would
// have expired. (Without this, every hot key stalled its callers once a minute: the p99 of
// `npm run bench:verify` was 130 ms.)
const REFRESH_AFTER_MS = 45_000;

/**
 * The key with this hash: from the cache (synchronously: the warm path awaits nothing),
 * else the database (then cached).
 */
export function findKeyByHash(hash: string, now = Date.now()): KeyRecord | null | Promise<KeyRecord | null> {
  const cached = keyCache().get(hash);
  if (cached === NOT_FOUND) return null;
  if (cached !== undefined) {
    if (now - cached.loadedAt > REFRESH_AFTER_MS && !inflight.has(hash)) loading(hash).catch(() => {}); // kept until it expires
    return cached;
  }
  return inflight.get(hash) ?? loading(hash);
}

function loading(hash: string): Promise<KeyRecord | null> {
  const pending = load(hash).finally(() => inflight.delete(hash));
  inflight.set(hash, pending);
  return pending;
}

async function load(hash: string): Promise<KeyRecord | null> {
  const mark = keyCache().mark();
  const loadedAt = Date.now();
  const row = await withDeadline(
    db().apiKey.findUnique({
      where: { hash },
      select: {
        id: true,
        organizationId: true,
        projectId: true,
        environment: true,
        scopes: true,
        expiresAt: true,
        revokedAt: true,
        ratelimitPerMinute: true,
        disabledAt: true,
        ipAllowlist: true,
        metadata: true,
        credits: true,
        creditRefillInterval: true,
        limits: true,
        identity: { select: { id: true, externalId: true, limits: true, credits: true, creditRefillInterval: true } },
        organization: {
          select: { id: true, slug: true, name: true, plan: true, profile: true, suspendedAt: true, suspendedMessage: true },
        },
        project: { select: { id: true, name: true, archivedAt: true } },
      },
    }),
    "the key's lookup",
  );
  if (!row) {
    keyCache().set(hash, NOT_FOUND, mark);
    return null;
  }
  const limits = storedLimits(row.limits);
  const identityLimits = row.identity ? storedLimits(row.identity.limits) : [];
  const record: KeyRecord = {
    id: row.id,
    organizationId: row.organizationId,
    organization: row.organization ? { id: row.organization.id, slug: row.organization.slug, name: row.organization.name } : null,
    projectId: row.projectId,
    project: row.project ? { id: row.project.id, name: row.project.name, archived: Boolean(row.project.archivedAt) } : null,
    environment: row.environment,
    scopes: row.scopes,
    expiresAt: row.expiresAt?.getTime() ?? null,
    revokedAt: row.revokedAt?.getTime() ?? null,
    ratelimitPerMinute: row.ratelimitPerMinute,
    plan: row.organization?.plan ?? null,
    profile: profileOf(row.organization?.profile).id,
    suspended: Boolean(row.organization?.suspendedAt),
    suspendedMessage: row.organization?.suspendedAt ? (row.organization.suspendedMessage ?? DEFAULT_SUSPENSION_MESSAGE) : null,
    disabled: row.disabledAt !== null,
    allowlist: row.ipAllowlist.length ? addressList(row.ipAllowlist) : null,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    credits: row.credits === null ? null : { refill: row.creditRefillInterval },
    charges: [...chargesOf(limits, `k:${row.id}`, false), ...(row.identity ? chargesOf(identityLimits, `i:${row.identity.id}`, true) : [])],
    identity: row.identity
      ? {
          id: row.identity.id,
          externalId: row.identity.externalId,
          credits: row.identity.credits === null ? null : { refill: row.identity.creditRefillInterval },
        }
      : null,
    loadedAt,
  };
  keyCache().set(hash, record, mark);
  return record;
}
