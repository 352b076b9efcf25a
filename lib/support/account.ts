import { db } from "../db/client";
import { assertStaff, type Staff } from "../auth/staff";
import type { AuditActor, AuditContext } from "../audit/record";
import { DomainError } from "../errors";
import { KEY_SELECT, toKeyDto } from "../keys/dto";
import { revokeKey } from "../keys/service";
import { lastSignInsOf } from "../orgs/queries";

const FAILURE_OUTCOMES = ["unauthorized", "forbidden", "rateLimited", "other"] as const;

/** What support sees of one organization: never a secret (keys by hint, through KEY_SELECT). */
export async function getAccountForStaff(staff: Staff, organizationId: string) {
  assertStaff(staff);
  const org = await db().organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      slug: true,
      name: true,
      plan: true,
      createdAt: true,
      suspendedAt: true,
      suspendedReason: true,
      suspendedMessage: true,
      suspendedById: true,
    },
  });
  if (!org) return null;
  const [suspendedBy, memberships, keys, failures] = await Promise.all([
    org.suspendedById ? db().user.findUnique({ where: { id: org.suspendedById }, select: { email: true } }) : null,
    db().membership.findMany({
      where: { organizationId },
      select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db().apiKey.findMany({
      where: { organizationId },
      select: KEY_SELECT,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
    }),
    getRecentFailuresForOrg(organizationId),
  ]);
  const lastSignIns = await lastSignInsOf(memberships.map((m) => m.user.email));
  return {
    ...org,
    suspendedByEmail: suspendedBy?.email ?? null,
    members: memberships.map((m) => ({
      ...m.user,
      role: m.role,
      joinedAt: m.createdAt,
      lastSignInAt: lastSignIns.get(m.user.email) ?? null,
    })),
    keys: keys.map((k) => toKeyDto(k)),
    failures,
  };
}

/** Refused requests per key over the last 24 hours, by outcome (from the hour rollups). */
async function getRecentFailuresForOrg(organizationId: string) {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const rows = await db().usageRollup.groupBy({
    by: ["keyId"],
    where: { organizationId, period: "hour", minute: { gte: new Date(since.getTime() - (since.getTime() % 3_600_000)) } },
    _sum: { unauthorized: true, forbidden: true, rateLimited: true, other: true },
  });
  const failing = rows
    .map(
      (r) =>
        ({ keyId: r.keyId, ...Object.fromEntries(FAILURE_OUTCOMES.map((o) => [o, r._sum[o] ?? 0])) }) as {
          keyId: string;
        } & Record<(typeof FAILURE_OUTCOMES)[number], number>,
    )
    .filter((r) => FAILURE_OUTCOMES.some((o) => r[o] > 0));
  const names = await db().apiKey.findMany({
    where: { id: { in: failing.map((f) => f.keyId) } },
    select: { id: true, name: true, hint: true },
  });
  const byId = new Map(names.map((n) => [n.id, n]));
  return failing
    .map((f) => ({
      ...f,
      name: byId.get(f.keyId)?.name ?? "?",
      hint: byId.get(f.keyId)?.hint ?? "",
      total: FAILURE_OUTCOMES.reduce((n, o) => n + f[o], 0),
    }))
    .sort((a, b) => b.total - a.total);
}

/** Staff (ADMIN) revoke a customer's key, a leaked one for instance, with the reason on the key. */
export async function revokeKeyAsStaff(
  organizationId: string,
  keyId: string,
  note: string,
  actor: AuditActor & { id: string },
  context: AuditContext,
) {
  const org = await db().organization.findUnique({ where: { id: organizationId }, select: { id: true, plan: true } });
  if (!org) throw new DomainError("NOT_FOUND", "No such organization.");
  return revokeKey(org, keyId, `support: ${note}`, { type: "staff", id: actor.id, label: actor.label }, context);
}
