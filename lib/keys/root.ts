import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { assertStaff, type Staff } from "../auth/staff";
import { DomainError } from "../errors";
import { publishKeyChanges } from "../events/key-changes";
import { generateKey, hashKey, keyHint } from "./format";
import { ROOT_SCOPE } from "./scopes";

/** Revokes a root key at once (idempotent); every instance forgets it within a second. */
export async function revokeRootKey(id: string, actor: AuditActor, context: AuditContext = {}) {
  const key = await db().apiKey.findFirst({
    where: { id, organizationId: null },
    select: { id: true, hash: true, hint: true, revokedAt: true },
  });
  if (!key) throw new DomainError("NOT_FOUND", "Root key not found.");
  if (key.revokedAt && key.revokedAt <= new Date()) return;
  await db().$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date(), revokedById: actor.id ?? null } });
    await recordAudit(
      { actor, action: "root_key.revoked", target: { type: "api_key", id }, metadata: { hint: key.hint }, context },
      tx,
    );
  });
  publishKeyChanges([key.hash]);
}

export async function getRootKeys(staff: Staff) {
  assertStaff(staff, "ADMIN");
  return db().apiKey.findMany({
    where: { organizationId: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, hint: true, createdAt: true, revokedAt: true, lastUsedAt: true },
  });
}

/** A root key: owned by the deployment (no organization), scope keys:verify only. */
export async function createRootKey(name: string, actor: AuditActor, context: AuditContext = {}) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) throw new DomainError("INVALID", "A root key needs a name of 1 to 64 characters.", "name");
  const rawKey = generateKey("live");
  const key = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: null,
        name: trimmed,
        environment: "live",
        scopes: [ROOT_SCOPE],
        hash: hashKey(rawKey),
        hint: keyHint(rawKey),
        createdById: actor.type === "user" ? actor.id : null,
      },
      select: { id: true, name: true, hint: true, createdAt: true },
    });
    await recordAudit(
      {
        actor,
        action: "root_key.created",
        target: { type: "api_key", id: created.id },
        metadata: { name: trimmed, hint: created.hint },
        context,
      },
      tx,
    );
    return created;
  });
  return { key, rawKey };
}
