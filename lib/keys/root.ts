import { recordAudit, type AuditActor, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { generateKey, hashKey, keyHint } from "./format";
import { ROOT_SCOPE } from "./scopes";

/** A root key: owned by the deployment (no organization), scope keys:verify only. */
export async function createRootKey(name: string, actor: AuditActor, context: AuditContext = {}) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) throw new Error("A root key needs a name of 1 to 64 characters");
  const rawKey = generateKey("live");
  const key = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { organizationId: null, name: trimmed, environment: "live", scopes: [ROOT_SCOPE], hash: hashKey(rawKey), hint: keyHint(rawKey), createdById: actor.type === "user" ? actor.id : null },
      select: { id: true, name: true, hint: true, createdAt: true },
    });
    await recordAudit({ actor, action: "root_key.created", target: { type: "api_key", id: created.id }, metadata: { name: trimmed, hint: created.hint }, context }, tx);
    return created;
  });
  return { key, rawKey };
}
