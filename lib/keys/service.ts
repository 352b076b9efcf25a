import { Prisma, type MemberRole, type Plan } from "@prisma/client";
import { isUniqueViolation } from "../db/errors";
import { recordAudit, type AuditContext } from "../audit/record";
import { hasRole } from "../auth/roles";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { checkExpiryAgainstPolicy, type KeyPolicy } from "../orgs/settings";
import { publishKeyChanges } from "../events/key-changes";
import { KEY_SELECT, toKeyDto, type KeyDto } from "./dto";
import { generateKey, hashKey, keyHint } from "./format";
import { mayManageKey, scopesBeyondRole } from "./permissions";
import { planLimits } from "./plans";
import { profileOf, type ProfileInfo } from "../profiles/catalog";
import type { CreateKeyInput } from "./schemas";
import { keyStatus } from "./status";
import { changedFields, onlyChanged } from "../audit/changes";
import { identityIdFor } from "../identities/service";
import { creditColumns } from "../verify/credits";
import { settleCredits } from "../verify/credit-ledger";

/**
 * Who acts. A dashboard user acts with their own role; an API key with its creator's
 * *current* role (lib/keys/api-actor.ts resolves it on every request), so a key never
 * carries more authority than the person behind it; the operator CLI with full authority.
 */
export type KeyActor =
  | { type: "user"; id: string; label: string; role: MemberRole }
  | { type: "api_key"; id: string; label: string; role: MemberRole; userId: string | null }
  | { type: "cli"; id: null; label: string }
  // Support staff (ADMIN, checked by the staff action): may revoke a leaked key, nothing else.
  | { type: "staff"; id: string; label: string };

export interface KeyOrg {
  id: string;
  plan: Plan;
}

export interface IssuedKey {
  key: KeyDto;
  /** The raw key: returned this once, never stored or logged. */
  rawKey: string;
}

export const auditActor = (a: KeyActor) => ({ type: a.type, id: a.id, label: a.label });
// An API-key action names the key and the human behind it.
export const actorMetadata = (a: KeyActor) => (a.type === "api_key" ? { viaApiKeyId: a.id, onBehalfOfUserId: a.userId } : {});

/** The person who holds a key issued by this actor (null: the operator). */
export function issuerId(actor: KeyActor): string | null {
  if (actor.type === "user") return actor.id;
  if (actor.type === "api_key") return actor.userId;
  return null;
}

/**
 * A customer's (identity's) limits and credits are shared by its keys: putting a key under one,
 * or making one by naming it, is an admin's decision, or a member could spend its credits.
 */
function assertMayAttach(actor: KeyActor) {
  if (actor.type === "cli") return;
  if (actor.type === "staff" || !hasRole(actor.role, "ADMIN")) {
    throw new DomainError("FORBIDDEN", "Only admins and owners put a key under a customer.", "externalId");
  }
}

function assertMayGrant(actor: KeyActor, scopes: readonly string[]) {
  if (actor.type === "cli") return;
  if (actor.type === "staff") throw new DomainError("FORBIDDEN", "Support staff cannot issue keys.");
  const beyond = scopesBeyondRole(actor.role, scopes);
  if (beyond.length) {
    throw new DomainError(
      "FORBIDDEN",
      `Only admins and owners may grant the ${beyond.map((s) => `"${s}"`).join(" and ")} scope${beyond.length > 1 ? "s" : ""}.`,
      "scopes",
    );
  }
}

function assertMayCreate(actor: KeyActor, scopes: readonly string[]) {
  if (actor.type === "staff") throw new DomainError("FORBIDDEN", "Support staff cannot issue keys.");
  if (actor.type !== "cli" && !hasRole(actor.role, "MEMBER")) throw new DomainError("FORBIDDEN", "Viewers cannot create keys.");
  assertMayGrant(actor, scopes);
}

// By role (lib/keys/permissions.ts), for users and API keys alike; the CLI: all.
function assertMayManage(actor: KeyActor, key: { createdById: string | null }) {
  if (actor.type === "cli" || actor.type === "staff") return;
  if (mayManageKey(actor.role, issuerId(actor) ?? "", key)) return;
  throw new DomainError(
    "FORBIDDEN",
    actor.role === "VIEWER" ? "Viewers cannot change keys." : "Members can only change keys they created.",
  );
}

type KeySettings = Omit<CreateKeyInput, "externalId"> & { identityId: string | null };

/** The row of a new key: its settings, and the hash and hint of a freshly generated key. */
function newKeyRow(organizationId: string, settings: KeySettings, createdById: string | null, profile: ProfileInfo) {
  const rawKey = generateKey(settings.environment, profile.id);
  const row = {
    organizationId,
    name: settings.name,
    environment: settings.environment,
    scopes: settings.scopes,
    expiresAt: settings.expiresAt,
    projectId: settings.projectId,
    ratelimitPerMinute: settings.ratelimitPerMinute,
    limits: settings.limits as unknown as Prisma.InputJsonArray,
    identityId: settings.identityId,
    ipAllowlist: settings.ipAllowlist,
    metadata: settings.metadata as Prisma.InputJsonObject,
    ...creditColumns(settings.credits, settings.creditRefill),
    hash: hashKey(rawKey),
    hint: keyHint(rawKey),
    createdById,
  };
  return { rawKey, row };
}

// While an organization is suspended (or deleted) no new secret is handed out; revoking
// stays possible so a customer can still clean up a leak. Returns the key policy.
export async function issuingRules(
  tx: Pick<Prisma.TransactionClient, "organization">,
  organizationId: string,
): Promise<KeyPolicy & { profile: ProfileInfo }> {
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { suspendedAt: true, deletedAt: true, maxKeyLifetimeDays: true, expiryRequired: true, profile: true },
  });
  if (!org || org.deletedAt) throw new DomainError("NOT_FOUND", "No such organization.");
  if (org.suspendedAt) throw new DomainError("FORBIDDEN", "This organization is suspended: keys cannot be created or rotated.");
  return { ...org, profile: profileOf(org.profile) };
}

async function organizationProfile(tx: Pick<Prisma.TransactionClient, "organization">, organizationId: string): Promise<ProfileInfo> {
  const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { profile: true } });
  return profileOf(org?.profile);
}

/** Scopes must be words of the organization's profile (MemoryRelay's `read`, not `memories:read`). */
export function assertProfileScopes(profile: ProfileInfo, scopes: readonly string[]) {
  const unknown = scopes.filter((s) => !profile.scopes.some((known) => known.scope === s));
  if (unknown.length) {
    throw new DomainError(
      "INVALID",
      `Unknown scope for ${profile.label} keys: ${unknown.join(", ")} (use ${profile.scopes.map((s) => s.scope).join(", ")})`,
      "scopes",
    );
  }
}

export function assertProfileEnvironment(profile: ProfileInfo, environment: string) {
  if (!(profile.environments as readonly string[]).includes(environment)) {
    throw new DomainError("INVALID", `${profile.label} keys are ${profile.environments.join(" or ")} keys only.`, "environment");
  }
}

function withinPolicy(policy: KeyPolicy, expiresAt: Date | null, now: number): Date | null {
  if (!checkExpiryAgainstPolicy(policy, expiresAt, now)) return expiresAt;
  const max = policy.maxKeyLifetimeDays ?? 90; // "expiry required" without a maximum: 90 days
  return new Date(now + max * 86_400_000);
}

export async function createKey(
  org: KeyOrg,
  input: CreateKeyInput,
  actor: KeyActor,
  context: AuditContext = {},
): Promise<IssuedKey> {
  assertMayCreate(actor, input.scopes);
  if (input.externalId) assertMayAttach(actor);
  const policy = await issuingRules(db(), org.id);
  const violation = checkExpiryAgainstPolicy(policy, input.expiresAt);
  if (violation) throw new DomainError("INVALID", violation, "expiresAt");
  assertProfileScopes(policy.profile, input.scopes);
  assertProfileEnvironment(policy.profile, input.environment);
  if (input.creditRefill && input.credits === null) throw new DomainError("INVALID", "A refill needs credits: set the credits too.", "creditRefill");
  const planLimit = planLimits(org.plan, policy.profile.id).perMinute;
  if (input.ratelimitPerMinute && input.ratelimitPerMinute > planLimit) {
    throw new DomainError("INVALID", `Your plan allows at most ${planLimit} requests per minute per key.`, "ratelimitPerMinute");
  }
  if (input.projectId) await assertOpenProject(db(), org.id, input.projectId);
  try {
    const { row, rawKey } = await db().$transaction(async (tx) => {
      const identityId = input.externalId ? await identityIdFor(tx, org.id, input.externalId) : null;
      const { rawKey, row: data } = newKeyRow(org.id, { ...input, identityId }, issuerId(actor), policy.profile);
      const created = await tx.apiKey.create({ data, select: KEY_SELECT });
      await recordAudit(
        {
          actor: auditActor(actor),
          organizationId: org.id,
          action: "key.created",
          target: { type: "api_key", id: created.id },
          metadata: {
            name: created.name,
            hint: created.hint,
            environment: created.environment,
            scopes: created.scopes,
            expiresAt: created.expiresAt?.toISOString() ?? null,
            ...(input.externalId ? { externalId: input.externalId } : {}),
            ...(input.limits.length ? { limits: input.limits as unknown as Prisma.InputJsonArray } : {}),
            ...(input.ipAllowlist.length ? { ipAllowlist: input.ipAllowlist } : {}),
            ...(input.credits !== null ? { credits: input.credits, creditRefill: input.creditRefill } : {}),
            ...actorMetadata(actor),
          },
          context,
        },
        tx,
      );
      return { row: created, rawKey };
    });
    return { key: toKeyDto(row), rawKey };
  } catch (err) {
    if (isUniqueViolation(err)) throw await nameConflict(org.id, input.name);
    throw err;
  }
}

/** Says what holds the name: the unique index covers every key not revoked, expired ones included. */
async function nameConflict(organizationId: string, name: string): Promise<DomainError> {
  const holder = await db().apiKey.findFirst({ where: { organizationId, name, revokedAt: null }, select: { expiresAt: true } });
  const expired = holder?.expiresAt && holder.expiresAt <= new Date();
  return new DomainError(
    "CONFLICT",
    expired
      ? `An expired key is still named "${name}". Revoke it to reuse the name, or choose another.`
      : `An active key named "${name}" already exists.`,
    "name",
  );
}

async function findOrgKey(tx: Prisma.TransactionClient, orgId: string, keyId: string) {
  // Scoped by organization: another organization's id answers exactly like an unknown one.
  const key = await tx.apiKey.findFirst({ where: { id: keyId, organizationId: orgId }, select: { ...KEY_SELECT, hash: true } });
  if (!key) throw new DomainError("NOT_FOUND", "Key not found.");
  return key;
}

/**
 * Issues a successor with the same settings; the old key keeps working until the grace
 * window ends (never past its own expiry), then answers KEY_REVOKED. Of two concurrent
 * rotations exactly one succeeds; the other gets CONFLICT.
 */
export async function rotateKey(
  org: KeyOrg,
  keyId: string,
  graceSeconds: number,
  actor: KeyActor,
  context: AuditContext = {},
): Promise<IssuedKey & { previous: KeyDto }> {
  let oldHash = "";
  try {
    const result = await db().$transaction(async (tx) => {
      const old = await findOrgKey(tx, org.id, keyId);
      assertMayManage(actor, old);
      const policy = await issuingRules(tx, org.id);
      // A rotation hands out a new secret with the old key's scopes: the actor must be able to grant them.
      assertMayGrant(actor, old.scopes);
      const status = keyStatus(old);
      if (status === "rotating") throw new DomainError("CONFLICT", "This key was already rotated.");
      if (status !== "active") throw new DomainError("CONFLICT", `This key is ${status}; it cannot be rotated.`);
      const now = Date.now();
      let graceEnd = new Date(now + graceSeconds * 1000);
      if (old.expiresAt && old.expiresAt < graceEnd) graceEnd = old.expiresAt;
      const claimed = await tx.apiKey.updateMany({
        where: { id: old.id, revokedAt: null },
        data: { revokedAt: graceEnd, graceEndsAt: graceEnd, revokedReason: "rotated", revokedById: actor.id },
      });
      if (claimed.count === 0) throw new DomainError("CONFLICT", "This key was already rotated.");
      // Same settings, expiry included: a rotation never extends a key's life. Under a key
      // policy the successor gets at most the policy's lifetime (never refused: rotating a
      // leaked key must always be possible).
      const { rawKey, row } = newKeyRow(
        org.id,
        // The key controls go with it: limits, customer, allowlist, metadata, credits left and refill.
        { ...toKeyDto(old), expiresAt: withinPolicy(policy, old.expiresAt, now), identityId: old.identityId },
        issuerId(actor) ?? old.createdById,
        policy.profile,
      );
      const successor = await tx.apiKey.create({ data: { ...row, rotatedFromId: old.id }, select: KEY_SELECT });
      await recordAudit(
        {
          actor: auditActor(actor),
          organizationId: org.id,
          action: "key.rotated",
          target: { type: "api_key", id: old.id },
          metadata: {
            name: old.name,
            oldHint: old.hint,
            newKeyId: successor.id,
            newHint: successor.hint,
            gracePeriodSeconds: graceSeconds,
            graceEndsAt: graceEnd.toISOString(),
            ...actorMetadata(actor),
          },
          context,
        },
        tx,
      );
      oldHash = old.hash;
      const previous = await tx.apiKey.findUniqueOrThrow({ where: { id: old.id }, select: KEY_SELECT });
      return { key: toKeyDto(successor), rawKey, previous: toKeyDto(previous) };
    });
    publishKeyChanges([oldHash]);
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "This key was already rotated.");
    throw err;
  }
}

/** A project of this organization that takes keys (not archived), else a form error on `projectId`. */
async function assertOpenProject(tx: Prisma.TransactionClient, organizationId: string, projectId: string): Promise<void> {
  const project = await tx.project.findFirst({ where: { id: projectId, organizationId }, select: { archivedAt: true } });
  if (!project) throw new DomainError("INVALID", "Unknown project.", "projectId");
  if (project.archivedAt) throw new DomainError("INVALID", "This project is archived.", "projectId");
}

export type KeyChanges = Partial<Pick<CreateKeyInput, "name" | "scopes" | "expiresAt" | "ratelimitPerMinute" | "externalId" | "limits" | "projectId">> & {
  ipAllowlist?: string[];
  metadata?: Record<string, unknown>;
  /** Credits left; null: unlimited (the refill goes with it). */
  credits?: number | null;
  creditRefill?: { amount: number; interval: "daily" | "monthly" } | null;
};

/**
 * Edits a key's name, scopes, expiry or rate limit, under the same rules as creating one
 * (role, grantable scopes, key policy, plan limit, unique name). Verification caches drop
 * the key at once, on every instance, like a revocation.
 */
export async function updateKey(org: KeyOrg, keyId: string, changes: KeyChanges, actor: KeyActor, context: AuditContext = {}): Promise<KeyDto> {
  if (actor.type === "staff") throw new DomainError("FORBIDDEN", "Support staff cannot edit keys.");
  if (changes.credits !== undefined) await settleCredits({ table: "ApiKey", id: keyId });
  let hash = "";
  try {
    const dto = await db().$transaction(async (tx) => {
      const key = await findOrgKey(tx, org.id, keyId);
      assertMayManage(actor, key);
      const status = keyStatus(key);
      if (status === "revoked" || status === "expired") throw new DomainError("CONFLICT", `This key is ${status}; it cannot be edited.`);
      if (changes.scopes) assertMayGrant(actor, changes.scopes);
      if (changes.externalId !== undefined && changes.externalId !== (key.identity?.externalId ?? null)) assertMayAttach(actor);
      if (changes.projectId) await assertOpenProject(tx, org.id, changes.projectId);
      if (changes.expiresAt !== undefined) {
        const policy = await issuingRules(tx, org.id);
        const violation = checkExpiryAgainstPolicy(policy, changes.expiresAt);
        if (violation) throw new DomainError("INVALID", violation, "expiresAt");
      }
      const profile = await organizationProfile(tx, org.id);
      if (changes.scopes) assertProfileScopes(profile, changes.scopes);
      const planLimit = planLimits(org.plan, profile.id).perMinute;
      if (changes.ratelimitPerMinute && changes.ratelimitPerMinute > planLimit) {
        throw new DomainError("INVALID", `Your plan allows at most ${planLimit} requests per minute per key.`, "ratelimitPerMinute");
      }
      const before = {
        name: key.name,
        scopes: key.scopes,
        expiresAt: key.expiresAt,
        ratelimitPerMinute: key.ratelimitPerMinute,
        ipAllowlist: key.ipAllowlist,
        metadata: key.metadata,
        credits: key.credits,
        creditRefill: toKeyDto(key).creditRefill,
        limits: toKeyDto(key).limits,
        externalId: key.identity?.externalId ?? null,
        projectId: key.projectId,
      };
      if (changes.creditRefill && changes.credits === null) {
        throw new DomainError("INVALID", "A refill needs credits: set the credits too.", "creditRefill");
      }
      if (changes.creditRefill && changes.credits === undefined && key.credits === null) {
        throw new DomainError("INVALID", "A refill needs credits: set the credits too.", "creditRefill");
      }
      const changed = changedFields(before, changes);
      if (!Object.keys(changed).length) return toKeyDto(key);
      // Only what differs is written: a form that resends a value it showed never undoes a
      // concurrent change (credits spent meanwhile are not refunded).
      const { metadata, credits, creditRefill, limits, externalId, projectId, ...rest } = onlyChanged(changes, changed);
      const data: Prisma.ApiKeyUpdateInput = {
        ...rest,
        ...(metadata ? { metadata: metadata as Prisma.InputJsonObject } : {}),
        ...(limits ? { limits: limits as unknown as Prisma.InputJsonArray } : {}),
        ...(externalId !== undefined
          ? { identity: externalId === null ? { disconnect: true } : { connect: { id: await identityIdFor(tx, org.id, externalId) } } }
          : {}),
        ...(projectId !== undefined ? { project: projectId === null ? { disconnect: true } : { connect: { id: projectId } } } : {}),
        ...creditColumns(credits, creditRefill),
      };
      const updated = await tx.apiKey.update({ where: { id: key.id }, data, select: KEY_SELECT });
      await recordAudit(
        {
          actor: auditActor(actor),
          organizationId: org.id,
          action: "key.updated",
          target: { type: "api_key", id: key.id },
          metadata: { name: updated.name, hint: key.hint, changes: JSON.parse(JSON.stringify(changed)), ...actorMetadata(actor) },
          context,
        },
        tx,
      );
      hash = key.hash;
      return toKeyDto(updated);
    });
    if (hash) publishKeyChanges([hash]);
    return dto;
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "An active key with this name already exists.", "name");
    throw err;
  }
}

/** Disables (401 KEY_DISABLED) or enables a key, at once on every instance; audited. Idempotent. */
export async function setKeyDisabled(org: KeyOrg, keyId: string, disabled: boolean, actor: KeyActor, context: AuditContext = {}): Promise<KeyDto> {
  if (actor.type === "staff") throw new DomainError("FORBIDDEN", "Support staff cannot change keys this way.");
  const { dto, hash } = await db().$transaction(async (tx) => {
    const key = await findOrgKey(tx, org.id, keyId);
    assertMayManage(actor, key);
    if (Boolean(key.disabledAt) === disabled) return { dto: toKeyDto(key), hash: "" };
    if (keyStatus(key) === "revoked") throw new DomainError("CONFLICT", "This key is revoked.");
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { disabledAt: disabled ? new Date() : null }, select: KEY_SELECT });
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId: org.id,
        action: disabled ? "key.disabled" : "key.enabled",
        target: { type: "api_key", id: key.id },
        metadata: { name: key.name, hint: key.hint, ...actorMetadata(actor) },
        context,
      },
      tx,
    );
    return { dto: toKeyDto(updated), hash: key.hash };
  });
  if (hash) publishKeyChanges([hash]);
  return dto;
}

/** Immediate. Revoking a revoked key answers the same and changes nothing. */
export async function revokeKey(
  org: KeyOrg,
  keyId: string,
  reason: string | undefined,
  actor: KeyActor,
  context: AuditContext = {},
): Promise<KeyDto> {
  const { dto, hash, changed } = await db().$transaction(async (tx) => {
    const key = await findOrgKey(tx, org.id, keyId);
    assertMayManage(actor, key);
    if (keyStatus(key) === "revoked") return { dto: toKeyDto(key), hash: key.hash, changed: false };
    const now = new Date();
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: {
        revokedAt: now,
        revokedById: actor.id,
        revokedReason: reason || (key.revokedReason === "rotated" ? "rotated" : null),
        ...(key.graceEndsAt ? { graceEndsAt: now } : {}),
      },
      select: KEY_SELECT,
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId: org.id,
        action: "key.revoked",
        target: { type: "api_key", id: key.id },
        metadata: { name: key.name, hint: key.hint, reason: reason ?? null, ...actorMetadata(actor) },
        context,
      },
      tx,
    );
    return { dto: toKeyDto(updated), hash: key.hash, changed: true };
  });
  if (changed) publishKeyChanges([hash]);
  return dto;
}
