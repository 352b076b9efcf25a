import { Prisma } from "@prisma/client";
import { countLookupBatch } from "../metrics/metrics";
import { addressList } from "../http/client-ip";
import { DEFAULT_SUSPENSION_MESSAGE } from "../orgs/suspension";
import { db } from "../db/client";
import { profileOf } from "../profiles/catalog";
import { chargesOf, storedLimits } from "../ratelimit/named-limits";
import { keyCache, NOT_FOUND, type KeyRecord } from "./cache";
import { withDeadline } from "../db/deadline";

// Concurrent misses for one hash share a single query.
const inflight = new Map<string, Promise<KeyRecord | null>>();

// A record in use is read again this long after it was loaded, in the background, while it
// keeps answering: a busy key never waits for the database when its cache entry (60 s) would
// have expired. Without this, every hot key stalled its callers once a minute (the p99 of
// `npm run bench:verify` shows it).
const REFRESH_AFTER_MS = 45_000;

/**
 * The key with this hash: from the cache (synchronously: the warm path awaits nothing),
 * else the database (then cached).
 */
export function findKeyByHash(hash: string, now = Date.now()): KeyRecord | null | Promise<KeyRecord | null> {
  const cached = keyCache().get(hash);
  if (cached === NOT_FOUND) return null;
  if (cached !== undefined) {
    if (now - cached.loadedAt > REFRESH_AFTER_MS && !inflight.has(hash)) loading(hash, false).catch(() => {}); // kept until it expires
    return cached;
  }
  return inflight.get(hash) ?? loading(hash);
}

// Misses of one turn of the event loop are read in one query, at the end of the turn; a
// background read, which nobody waits for, waits up to 100 ms for others to join it. A
// gateway's busy keys come due for their background read together, 45 s after they were
// read together: a query each would hold the event loop for the JavaScript of every query,
// and open new pool connections (a database process to start for each) at once, a visible
// stall in the p99.9 under load. One query needs one connection.
const QUERY_MAX = 500;
const GATHER_MS = 100;
let due: Map<string, { resolve: (record: KeyRecord | null) => void; reject: (err: unknown) => void }> | undefined;
let timer: NodeJS.Timeout | undefined;
let dueThisTurn = false;

function loading(hash: string, waitedFor = true): Promise<KeyRecord | null> {
  const pending = new Promise<KeyRecord | null>((resolve, reject) => {
    if (!due) {
      due = new Map();
      timer = setTimeout(readDue, GATHER_MS);
    }
    if (waitedFor && !dueThisTurn) {
      dueThisTurn = true;
      setImmediate(readDue);
    }
    due.set(hash, { resolve, reject });
  }).finally(() => inflight.delete(hash));
  inflight.set(hash, pending);
  return pending;
}

function readDue() {
  if (!due) return; // read already (by the other of its two triggers)
  const batch = due;
  due = undefined;
  dueThisTurn = false;
  clearTimeout(timer);
  const hashes = [...batch.keys()];
  for (let i = 0; i < hashes.length; i += QUERY_MAX) {
    const part = hashes.slice(i, i + QUERY_MAX);
    countLookupBatch(part.length);
    load(part).then(
      (records) => part.forEach((hash) => batch.get(hash)!.resolve(records.get(hash) ?? null)),
      (err) => part.forEach((hash) => batch.get(hash)!.reject(err)),
    );
  }
}

const KEY_SELECT = {
  hash: true,
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
} satisfies Prisma.ApiKeySelect;
type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

/** The keys with these hashes (absent: no such key), cached, unknown hashes as such. */
async function load(hashes: string[]): Promise<Map<string, KeyRecord>> {
  const mark = keyCache().mark();
  const loadedAt = Date.now();
  const rows = await withDeadline(
    db().apiKey.findMany({
      where: { hash: { in: hashes } },
      select: KEY_SELECT,
    }),
    "the key's lookup",
  );
  const records = new Map(rows.map((row) => [row.hash, recordOf(row, loadedAt)]));
  for (const hash of hashes) keyCache().set(hash, records.get(hash) ?? NOT_FOUND, mark);
  return records;
}

function recordOf(row: KeyRow, loadedAt: number): KeyRecord {
  const limits = storedLimits(row.limits);
  const identityLimits = row.identity ? storedLimits(row.identity.limits) : [];
  return {
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
    charges: [
      ...chargesOf(limits, `k:${row.id}`, false),
      ...(row.identity ? chargesOf(identityLimits, `i:${row.identity.id}`, true) : []),
    ],
    identity: row.identity
      ? {
          id: row.identity.id,
          externalId: row.identity.externalId,
          credits: row.identity.credits === null ? null : { refill: row.identity.creditRefillInterval },
        }
      : null,
    loadedAt,
  };
}
