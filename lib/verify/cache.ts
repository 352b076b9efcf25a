import { LRUCache } from "lru-cache";
import type { Plan } from "@prisma/client";
import type { BlockList } from "node:net";
import { onKeyChanges } from "../events/key-changes";
import type { ProfileId } from "../profiles/catalog";
import type { LimitCharge } from "../ratelimit/named-limits";
import { processSingleton } from "../process-singleton";

/** What verification needs to know about a key, cached by its hash. */
export interface KeyRecord {
  id: string;
  organizationId: string | null;
  organization: { id: string; slug: string; name: string } | null;
  projectId: string | null;
  project: { id: string; name: string; archived: boolean } | null;
  environment: "live" | "test";
  scopes: string[];
  expiresAt: number | null;
  revokedAt: number | null;
  ratelimitPerMinute: number | null;
  plan: Plan | null;
  /** The organization's compatibility profile (root keys: memory-os). */
  profile: ProfileId;
  suspended: boolean;
  /** The customer message of a suspension (null when not suspended). */
  suspendedMessage: string | null;
  disabled: boolean;
  /** The client addresses allowed (compiled once per load); null allows every address. */
  allowlist: BlockList | null;
  metadata: Record<string, unknown>;
  /** Set when the key has credits (spent in the database per request); its refill interval. */
  credits: { refill: string | null } | null;
  /** The end customer the key belongs to: limits (in `charges`) and credits shared by all its keys. */
  identity: { id: string; externalId: string; credits: { refill: string | null } | null } | null;
  /** The key's and its identity's named limits as charges at cost 1 (built once, at load). */
  charges: LimitCharge[];
  /** When this record was read from the database (credits held in memory reload after it). */
  loadedAt: number;
}

export const NOT_FOUND = "not-found" as const;
type Entry = KeyRecord | typeof NOT_FOUND;

const POSITIVE_TTL_MS = 60_000;
// Unknown hashes are remembered briefly so a flood of one bad key does not reach the database.
const NEGATIVE_TTL_MS = 5_000;

class KeyCache {
  // ttlResolution: the cache reads the clock at most every 100 ms. At its default (1 ms) every
  // lookup at load arms a timer of its own, a visible share of a busy verify's time.
  private entries = new LRUCache<string, Entry>({ max: 100_000, ttl: POSITIVE_TTL_MS, ttlResolution: 100 });
  // Bumped by every change announcement. A load that began before one may have read the old
  // row: what it read is not cached (the next request reads again).
  private generation = 0;

  constructor() {
    // Revoke, rotate, suspend and scope edits announce changed key hashes (from this process
    // or, through lib/events/broadcast.ts, another instance): forget them at once.
    onKeyChanges((change) => {
      this.generation++;
      for (const hash of change.hashes ?? []) this.entries.delete(hash);
      if (change.organizationIds?.length) {
        const orgs = new Set(change.organizationIds);
        for (const [hash, entry] of this.entries.entries()) {
          if (entry !== NOT_FOUND && entry.organizationId && orgs.has(entry.organizationId)) this.entries.delete(hash);
        }
      }
    });
  }

  get(hash: string): Entry | undefined {
    return this.entries.get(hash);
  }

  /** Where a load starts: pass it to `set` when the load is done. */
  mark(): number {
    return this.generation;
  }

  set(hash: string, entry: Entry, mark: number): void {
    if (mark === this.generation) this.entries.set(hash, entry, { ttl: entry === NOT_FOUND ? NEGATIVE_TTL_MS : POSITIVE_TTL_MS });
  }
}

export function keyCache(): KeyCache {
  return processSingleton("verify-cache", () => new KeyCache());
}
