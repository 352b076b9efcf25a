import { isUniqueViolation } from "../db/errors";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/record";
import { hasRole } from "../auth/roles";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { emitKeyChange } from "../events/key-changes";
import { checkExpiryAgainstPolicy } from "../orgs/settings";
import { PROFILE_IDS, PROFILES, keyStarts } from "../profiles/catalog";
import { ENVIRONMENTS } from "./constants";
import { scopesBeyondRole } from "./permissions";
import { keyNameSchema } from "./schemas";
import {
  actorMetadata,
  assertProfileEnvironment,
  assertProfileScopes,
  auditActor,
  issuerId,
  issuingRules,
  type KeyActor,
  type KeyOrg,
} from "./service";

// Moving from another key system without reissuing keys: the team brings each key's SHA-256
// (never the key), its name, scopes and expiry, and declares the other system's prefix.
// Imported keys then verify like native ones; their shape check is that prefix (they carry
// no Keyhouse checksum). All keys of one call are imported in one transaction, or none.

/**
 * Keys per call. One transaction holds the embedded database's only backend while it runs:
 * a bounded batch keeps every other tenant's requests waiting well under a second.
 */
export const MAX_IMPORT = 1_000;

export const importPrefixSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, { error: "The prefix is 2 to 32 letters, digits, '_' or '-', like sk_live_." });

/** One imported key, as a JSONL line or an element of the API's `keys`. */
export const importedKeySchema = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: "Must be the key's SHA-256 in hex (64 characters)." })
    .transform((h) => h.toLowerCase()),
  name: keyNameSchema,
  scopes: z.array(z.string().max(64)).min(1, { error: "Choose at least one scope." }).max(50).optional(),
  environment: z.enum(ENVIRONMENTS, { error: "Environment must be live or test." }).optional(),
  expiresAt: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time." }).nullable().optional(),
  /** The key's last four characters, shown in its hint (optional). */
  last4: z
    .string()
    .regex(/^[0-9A-Za-z]{4}$/, { error: "Four letters or digits." })
    .optional(),
});
export type ImportedKey = z.infer<typeof importedKeySchema>;

/** A refusal naming the entry (0-based) and field; the CLI reports it as a line number. */
const refuse = (index: number, field: string, message: string) => new DomainError("INVALID", message, `keys.${index}.${field}`);

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);
const NATIVE_STARTS = PROFILE_IDS.flatMap((id) => keyStarts(PROFILES[id]));

/**
 * A prefix belongs to one organization and never overlaps a native key format: otherwise an
 * import could claim strings that other tenants' clients send (key squatting).
 */
async function assertPrefixFree(organizationId: string, prefix: string) {
  const native = NATIVE_STARTS.find((s) => overlaps(s, prefix));
  if (native) throw new DomainError("INVALID", `The prefix overlaps Keyhouse's own keys (${native}): choose the other system's prefix.`, "prefix");
  const others = await db().apiKey.findMany({
    where: { importedPrefix: { not: null }, NOT: { organizationId } },
    distinct: ["importedPrefix"],
    select: { importedPrefix: true },
  });
  if (others.some((o) => overlaps(o.importedPrefix!, prefix)))
    throw new DomainError("INVALID", "Another organization already imports keys under this prefix, or one that overlaps it.", "prefix");
}

export async function importKeys(
  org: KeyOrg,
  prefix: string,
  entries: ImportedKey[],
  actor: KeyActor,
  context: AuditContext = {},
): Promise<{ imported: { id: string; name: string; hint: string }[] }> {
  if (actor.type === "staff" || (actor.type !== "cli" && !hasRole(actor.role, "ADMIN"))) {
    throw new DomainError("FORBIDDEN", "Only admins and owners import keys.");
  }
  if (entries.length === 0) throw new DomainError("INVALID", "Nothing to import.", "keys");
  if (entries.length > MAX_IMPORT) throw new DomainError("INVALID", `At most ${MAX_IMPORT} keys per import.`, "keys");
  await assertPrefixFree(org.id, prefix);
  const policy = await issuingRules(db(), org.id);
  const defaults = (await db().organization.findUniqueOrThrow({ where: { id: org.id }, select: { defaultScopes: true } }))
    .defaultScopes;

  const hashes = new Map<string, number>();
  const names = new Map<string, number>();
  const now = Date.now();
  const rows = entries.map((entry, i) => {
    const scopes = [...new Set(entry.scopes ?? defaults)];
    const environment = entry.environment ?? "live";
    const expiresAt = entry.expiresAt ? new Date(entry.expiresAt) : null;
    try {
      assertProfileScopes(policy.profile, scopes);
      assertProfileEnvironment(policy.profile, environment);
    } catch (err) {
      throw err instanceof DomainError ? refuse(i, err.field ?? "scopes", err.message) : err;
    }
    if (actor.type !== "cli" && scopesBeyondRole(actor.role, scopes).length)
      throw refuse(i, "scopes", "Your role may not grant these scopes.");
    if (expiresAt && expiresAt.getTime() <= now) throw refuse(i, "expiresAt", "The expiry must be in the future.");
    const violation = checkExpiryAgainstPolicy(policy, expiresAt, now);
    if (violation) throw refuse(i, "expiresAt", violation);
    if (hashes.has(entry.sha256)) throw refuse(i, "sha256", `The same key as entry ${hashes.get(entry.sha256)! + 1}.`);
    if (names.has(entry.name)) throw refuse(i, "name", `The same name as entry ${names.get(entry.name)! + 1}.`);
    hashes.set(entry.sha256, i);
    names.set(entry.name, i);
    return {
      organizationId: org.id,
      name: entry.name,
      environment,
      scopes,
      expiresAt,
      hash: entry.sha256,
      hint: `${prefix}…${entry.last4 ?? "····"}`,
      importedPrefix: prefix,
      createdById: issuerId(actor),
    };
  });

  const imported = await db()
    .$transaction(async (tx) => {
      // Said per organization: whether a hash exists in another one is not this caller's business.
      const taken = await tx.apiKey.findMany({ where: { hash: { in: [...hashes.keys()] } }, select: { hash: true, organizationId: true } });
      const own = taken.find((t) => t.organizationId === org.id);
      if (own) throw refuse(hashes.get(own.hash)!, "sha256", "This key is already imported into this organization.");
      if (taken.length) throw refuse(hashes.get(taken[0].hash)!, "sha256", "This key cannot be imported.");
      const clash = await tx.apiKey.findMany({
        where: { organizationId: org.id, name: { in: [...names.keys()] }, revokedAt: null },
        select: { name: true },
      });
      if (clash.length) throw refuse(names.get(clash[0].name)!, "name", "An active key already has this name.");
      const created = await tx.apiKey.createManyAndReturn({ data: rows, select: { id: true, name: true, hint: true } });
      await recordAudit(
        {
          actor: auditActor(actor),
          organizationId: org.id,
          action: "key.imported",
          target: { type: "organization", id: org.id },
          metadata: { prefix, count: created.length, keyIds: created.slice(0, 100).map((k) => k.id), ...actorMetadata(actor) },
          context,
        },
        tx,
      );
      return created;
    })
    .catch((err: unknown) => {
      // Two imports of the same key at once: the unique hash index decides.
      if (isUniqueViolation(err)) {
        throw new DomainError("INVALID", "One of these keys cannot be imported: import again to see which.", "keys");
      }
      throw err;
    });
  // Every instance forgets "unknown" answers for these hashes and learns the prefix.
  emitKeyChange({ hashes: [...hashes.keys()], organizationIds: [org.id] });
  return { imported };
}
