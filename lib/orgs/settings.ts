import { z } from "zod";
import { changedFields } from "../audit/changes";
import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishOrganizationChange } from "../events/key-changes";
import { CUSTOMER_SCOPES } from "../keys/scopes";
import { profileOf } from "../profiles/catalog";
import { oneLine, text } from "../validation/text";
import type { TeamActor } from "../team/members";

const DAY_MS = 86_400_000;
const MAX_POLICY_DAYS = 3650;

/** The settings form: one schema for the page and the service. */
export const organizationSettingsSchema = z.object({
  name: text().transform(oneLine).pipe(z.string().min(1, { error: "Enter a name." }).max(64, { error: "Use at most 64 characters." })),
  defaultScopes: z
    .array(z.string())
    .min(1, { error: "Choose at least one default scope." })
    .refine((s) => s.every((x) => CUSTOMER_SCOPES.includes(x)), { error: "Unknown scope." }),
  maxKeyLifetimeDays: z.coerce
    .number({ error: "Use a whole number of days." })
    .int({ error: "Use a whole number of days." })
    .min(1, { error: "Use at least 1 day." })
    .max(MAX_POLICY_DAYS, { error: `Use at most ${MAX_POLICY_DAYS} days.` })
    .nullable(),
  expiryRequired: z.boolean(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export interface KeyPolicy {
  maxKeyLifetimeDays: number | null;
  expiryRequired: boolean;
}

/**
 * The organization's key policy applied to an expiry: a missing one is refused when expiry is
 * required or a maximum lifetime is set; a later one than the maximum is refused.
 */
export function checkExpiryAgainstPolicy(policy: KeyPolicy, expiresAt: Date | null, now = Date.now()): string | null {
  const max = policy.maxKeyLifetimeDays;
  if (!expiresAt) {
    if (max) return `This organization's keys expire within ${max} days: choose an expiry.`;
    if (policy.expiryRequired) return "This organization requires an expiry on every key.";
    return null;
  }
  if (max && expiresAt.getTime() > now + max * DAY_MS)
    return `This organization's keys expire within ${max} days: choose an earlier expiry.`;
  return null;
}

export async function updateOrganizationSettings(
  organizationId: string,
  settings: OrganizationSettings,
  actor: TeamActor,
  context: AuditContext = {},
) {
  if (actor.role !== "OWNER" && actor.role !== "ADMIN")
    throw new DomainError("FORBIDDEN", "Only owners and admins change settings.");
  await db().$transaction(async (tx) => {
    const { profile, ...before } = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, defaultScopes: true, maxKeyLifetimeDays: true, expiryRequired: true, profile: true },
    });
    const vocabulary = profileOf(profile).scopes.map((s) => s.scope);
    const unknown = settings.defaultScopes.filter((s) => !vocabulary.includes(s));
    if (unknown.length) throw new DomainError("INVALID", `Unknown scope: ${unknown.join(", ")}.`, "defaultScopes");
    const after = {
      name: settings.name,
      defaultScopes: [...new Set(settings.defaultScopes)],
      maxKeyLifetimeDays: settings.maxKeyLifetimeDays,
      expiryRequired: settings.expiryRequired,
    };
    const changed = changedFields(before, after);
    if (!Object.keys(changed).length) return;
    await tx.organization.update({ where: { id: organizationId }, data: after });
    await recordAudit(
      {
        actor: { type: "user", id: actor.userId, label: actor.email },
        organizationId,
        action: "org.settings_changed",
        target: { type: "organization", id: organizationId },
        metadata: JSON.parse(JSON.stringify(changed)),
        context,
      },
      tx,
    );
  });
}

/**
 * Deletes an organization (OWNER, typing its name): every key is revoked, every member loses
 * access, pending invitations end. The row stays, marked deleted, so the audit trail and the
 * support console still explain what happened.
 */
export async function deleteOrganization(
  organizationId: string,
  confirmation: string,
  actor: TeamActor,
  context: AuditContext = {},
) {
  if (actor.role !== "OWNER") throw new DomainError("FORBIDDEN", "Only an owner can delete the organization.");
  await db().$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, deletedAt: true },
    });
    if (org.deletedAt) return;
    if (confirmation.trim() !== org.name)
      throw new DomainError("INVALID", `Type the organization's name, ${org.name}, to confirm.`, "confirmation");
    const now = new Date();
    const revoked = await tx.apiKey.updateMany({
      where: { organizationId, OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] },
      data: { revokedAt: now, revokedReason: "organization deleted", revokedById: actor.userId },
    });
    await tx.invitation.updateMany({ where: { organizationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.membership.deleteMany({ where: { organizationId } });
    await tx.organization.update({ where: { id: organizationId }, data: { deletedAt: now } });
    await recordAudit(
      {
        actor: { type: "user", id: actor.userId, label: actor.email },
        organizationId,
        action: "org.deleted",
        target: { type: "organization", id: organizationId },
        metadata: { name: org.name, keysRevoked: revoked.count },
        context,
      },
      tx,
    );
  });
  publishOrganizationChange(organizationId);
}

/** The scopes a new key starts with when none are named (dialog and POST /keys). */
export async function getDefaultScopes(organizationId: string): Promise<string[]> {
  const org = await db().organization.findUnique({ where: { id: organizationId }, select: { defaultScopes: true, profile: true } });
  return org?.defaultScopes.length ? org.defaultScopes : [...profileOf(org?.profile).defaultScopes];
}
