import { randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import { recordAudit, type AuditContext } from "../audit/record";
import { hasRole } from "../auth/roles";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishKeyChanges } from "../events/key-changes";
import { auditActor, actorMetadata, type KeyActor } from "../keys/service";
import { creditColumns } from "../verify/credits";
import { settleCredits } from "../verify/credit-ledger";
import { changedFields, onlyChanged } from "../audit/changes";
import { storedLimits, type NamedLimit } from "../ratelimit/named-limits";
import type { IdentityChanges } from "./schemas";

// An identity is one end customer of a team, named by the team's own id for them
// (externalId). Keys are grouped under it; its named limits and credits are shared by all of
// its keys (lib/verify/verify.ts charges both the key's and the identity's). Created on first
// use: giving a key an externalId that is new makes the identity.

export interface IdentityDto {
  id: string;
  externalId: string;
  limits: NamedLimit[];
  credits: number | null;
  creditRefill: { amount: number; interval: "daily" | "monthly" } | null;
  /** Keys neither revoked nor expired. */
  activeKeys: number;
  createdAt: Date;
}

const SELECT = {
  id: true,
  externalId: true,
  limits: true,
  credits: true,
  creditRefillAmount: true,
  creditRefillInterval: true,
  createdAt: true,
} satisfies Prisma.IdentitySelect;

type Row = Prisma.IdentityGetPayload<{ select: typeof SELECT }>;

function toDto(row: Row, activeKeys: number): IdentityDto {
  return {
    id: row.id,
    externalId: row.externalId,
    limits: storedLimits(row.limits),
    credits: row.credits,
    creditRefill:
      row.creditRefillAmount !== null && (row.creditRefillInterval === "daily" || row.creditRefillInterval === "monthly")
        ? { amount: row.creditRefillAmount, interval: row.creditRefillInterval }
        : null,
    activeKeys,
    createdAt: row.createdAt,
  };
}

const activeKeyWhere = () => {
  const now = new Date();
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } satisfies Prisma.ApiKeyWhereInput;
};

/** The identity's id, made when this organization has none by that externalId (concurrent callers get the same one). */
export async function identityIdFor(tx: Prisma.TransactionClient, organizationId: string, externalId: string): Promise<string> {
  await tx.$executeRaw`INSERT INTO "Identity" ("id", "organizationId", "externalId") VALUES (${randomUUID()}, ${organizationId}, ${externalId})
    ON CONFLICT ("organizationId", "externalId") DO NOTHING`;
  const row = await tx.identity.findUniqueOrThrow({ where: { organizationId_externalId: { organizationId, externalId } }, select: { id: true } });
  return row.id;
}

export async function listIdentities(organizationId: string, take = 500): Promise<IdentityDto[]> {
  const rows = await db().identity.findMany({
    where: { organizationId },
    select: { ...SELECT, _count: { select: { keys: { where: activeKeyWhere() } } } },
    orderBy: { externalId: "asc" },
    take,
  });
  return rows.map((r) => toDto(r, r._count.keys));
}

export async function getIdentity(organizationId: string, externalId: string): Promise<IdentityDto | null> {
  const row = await db().identity.findUnique({
    where: { organizationId_externalId: { organizationId, externalId } },
    select: { ...SELECT, _count: { select: { keys: { where: activeKeyWhere() } } } },
  });
  return row ? toDto(row, row._count.keys) : null;
}

// Shared limits and credits bind every key of a customer: admins and owners set them.
function assertMayManage(actor: KeyActor) {
  if (actor.type === "cli") return;
  if (actor.type === "staff" || !hasRole(actor.role, "ADMIN")) {
    throw new DomainError("FORBIDDEN", "Only admins and owners may change a customer's shared limits and credits.");
  }
}

/** Creates an identity ahead of its keys (409 when it exists), with shared limits and credits. */
export async function createIdentity(
  org: { id: string },
  externalId: string,
  changes: IdentityChanges,
  actor: KeyActor,
  context: AuditContext = {},
): Promise<IdentityDto> {
  assertMayManage(actor);
  assertRefillHasCredits(changes, null);
  if (await getIdentity(org.id, externalId)) throw new DomainError("CONFLICT", `A customer with the id "${externalId}" already exists.`, "externalId");
  await db().$transaction(async (tx) => {
    const id = await identityIdFor(tx, org.id, externalId);
    await tx.identity.update({ where: { id }, data: identityData(changes) });
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId: org.id,
        action: "identity.created",
        target: { type: "identity", id },
        metadata: { externalId, ...(JSON.parse(JSON.stringify(changes)) as Prisma.InputJsonObject), ...actorMetadata(actor) },
        context,
      },
      tx,
    );
  });
  return (await getIdentity(org.id, externalId))!;
}

/** Changes an identity's shared limits or credits (only what differs is written); every instance drops its keys from the cache. */
export async function updateIdentity(
  org: { id: string },
  externalId: string,
  changes: IdentityChanges,
  actor: KeyActor,
  context: AuditContext = {},
): Promise<IdentityDto> {
  assertMayManage(actor);
  const current = await getIdentity(org.id, externalId);
  if (!current) throw new DomainError("NOT_FOUND", "No customer with this id.");
  const before = { limits: current.limits, credits: current.credits, creditRefill: current.creditRefill };
  assertRefillHasCredits(changes, current.credits);
  const changed = changedFields(before, changes);
  if (!Object.keys(changed).length) return current;
  const effective = onlyChanged(changes, changed);
  if (effective.credits !== undefined) await settleCredits({ table: "Identity", id: current.id });
  const hashes = await db().$transaction(async (tx) => {
    await tx.identity.update({ where: { id: current.id }, data: identityData(effective) });
    await recordAudit(
      {
        actor: auditActor(actor),
        organizationId: org.id,
        action: "identity.updated",
        target: { type: "identity", id: current.id },
        metadata: { externalId, changes: JSON.parse(JSON.stringify(changed)) as Prisma.InputJsonObject, ...actorMetadata(actor) },
        context,
      },
      tx,
    );
    return (await tx.apiKey.findMany({ where: { identityId: current.id }, select: { hash: true } })).map((k) => k.hash);
  });
  publishKeyChanges(hashes);
  return (await getIdentity(org.id, externalId))!;
}

function assertRefillHasCredits(changes: IdentityChanges, currentCredits: number | null) {
  if (changes.creditRefill && (changes.credits === null || (changes.credits === undefined && currentCredits === null))) {
    throw new DomainError("INVALID", "A refill needs credits: set the credits too.", "creditRefill");
  }
}

function identityData({ limits, credits, creditRefill }: IdentityChanges): Prisma.IdentityUpdateInput {
  return { ...(limits ? { limits: limits as unknown as Prisma.InputJsonArray } : {}), ...creditColumns(credits, creditRefill) };
}

/** The organization's customer ids, for suggestions while typing one (at most 500). */
export async function customerIds(organizationId: string): Promise<string[]> {
  const rows = await db().identity.findMany({ where: { organizationId }, select: { externalId: true }, orderBy: { externalId: "asc" }, take: 500 });
  return rows.map((r) => r.externalId);
}
