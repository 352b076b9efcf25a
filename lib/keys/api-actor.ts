import { db } from "../db/client";
import { DomainError } from "../errors";
import type { KeyActor } from "./service";

/**
 * The actor behind a key that calls the management API: the key's creator with their
 * role in the organization as it is *now*, looked up on every request (management calls
 * are rare; the verification hot path never comes here). A creator who was demoted acts
 * with the lower role; one who left the organization takes the key's power with them.
 * Keys made by the operator CLI (no creator) act with an owner's authority.
 */
export async function apiKeyActor(keyId: string, organizationId: string): Promise<KeyActor> {
  const key = await db().apiKey.findFirst({
    where: { id: keyId, organizationId },
    select: { hint: true, createdById: true },
  });
  if (!key) throw new DomainError("FORBIDDEN", "This key cannot manage keys.");
  if (!key.createdById) return { type: "api_key", id: keyId, label: `api key ${key.hint} (operator)`, role: "OWNER", userId: null };
  const membership = await db().membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: key.createdById } },
    select: { role: true, user: { select: { email: true } } },
  });
  if (!membership) {
    throw new DomainError("FORBIDDEN", "This key's creator is no longer a member of the organization, so the key cannot manage keys.");
  }
  return {
    type: "api_key",
    id: keyId,
    label: `${membership.user.email} via api key ${key.hint}`,
    role: membership.role,
    userId: key.createdById,
  };
}
