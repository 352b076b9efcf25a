import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { cursorPage } from "../db/cursor-page";
import { db } from "../db/client";
import { text } from "../validation/text";
import { KEY_SELECT, toKeyDto, type KeyDto } from "./dto";
import { ENVIRONMENTS, KEY_SORTS, PAGE_SIZES } from "./constants";
import { CUSTOMER_SCOPES } from "./scopes";
import { KEY_STATUSES, type KeyStatus } from "./status";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

/** The keys table's state, read from the URL (bad values fall back to defaults, never a 500). */
export const keysQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
    .catch(25)
    .default(25),
  sort: optionalEnum(KEY_SORTS).transform((v) => v ?? "createdAt"),
  dir: optionalEnum(["asc", "desc"] as const).transform((v) => v ?? "desc"),
  // Absent: the "usable" preset (active and rotating); "all" shows revoked and expired too.
  status: optionalEnum([...KEY_STATUSES, "all"] as const),
  environment: optionalEnum(ENVIRONMENTS),
  scope: z
    .string()
    .optional()
    .catch(undefined)
    .refine((s) => !s || CUSTOMER_SCOPES.includes(s))
    .catch(undefined),
  project: text().max(64).optional().catch(undefined),
  // An identity's externalId: that end customer's keys.
  identity: text().max(128).optional().catch(undefined),
  q: text().trim().max(100).optional().catch(undefined),
});
export type KeysQuery = z.infer<typeof keysQuerySchema>;

function statusWhere(status: KeyStatus, now: Date): Prisma.ApiKeyWhereInput {
  switch (status) {
    case "revoked":
      return { revokedAt: { lte: now } };
    case "rotating":
      return { revokedAt: { gt: now } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "active":
      return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  }
}

function sortOrder(sort: KeysQuery["sort"], dir: "asc" | "desc"): Prisma.ApiKeyOrderByWithRelationInput[] {
  switch (sort) {
    case "name":
    case "createdAt":
    case "environment":
      return [{ [sort]: dir }];
    // Status follows the columns it is derived from: no end first (active), then the ones
    // that end (rotating, revoked), then by expiry.
    case "status":
      return [{ revokedAt: { sort: dir, nulls: "first" } }, { expiresAt: { sort: dir, nulls: "first" } }];
    default:
      return [{ [sort]: { sort: dir, nulls: "last" } }];
  }
}

export async function getKeysForOrg(
  organizationId: string,
  query: KeysQuery,
): Promise<{ rows: (KeyDto & { createdByEmail: string | null })[]; total: number; page: number }> {
  const now = new Date();
  const and: Prisma.ApiKeyWhereInput[] = [{ organizationId }];
  if (!query.status) and.push({ OR: [statusWhere("active", now), statusWhere("rotating", now)] });
  else if (query.status !== "all") and.push(statusWhere(query.status, now));
  if (query.environment) and.push({ environment: query.environment });
  if (query.scope) and.push({ scopes: { has: query.scope } });
  if (query.project) and.push({ projectId: query.project });
  if (query.identity) and.push({ identity: { externalId: query.identity } });
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { hint: { contains: query.q } }] });
  const where: Prisma.ApiKeyWhereInput = { AND: and };
  // Nulls (never used, never expires) sort last either way; id breaks ties so pages are stable.
  const orderBy: Prisma.ApiKeyOrderByWithRelationInput[] = [...sortOrder(query.sort, query.dir), { id: query.dir }];
  const total = await db().apiKey.count({ where });
  // Past the last page (an old link, a filter that shrank the list): show the last page.
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db().apiKey.findMany({ where, orderBy, skip: (page - 1) * query.pageSize, take: query.pageSize, select: KEY_SELECT });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => Boolean(id)))];
  const creators = creatorIds.length ? await db().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } }) : [];
  const emails = new Map(creators.map((u) => [u.id, u.email]));
  return { rows: rows.map((r) => ({ ...toKeyDto(r, now), createdByEmail: r.createdById ? (emails.get(r.createdById) ?? null) : null })), total, page };
}

export async function getKeyDetailForOrg(organizationId: string, keyId: string) {
  const row = await db().apiKey.findFirst({ where: { id: keyId, organizationId }, select: KEY_SELECT });
  if (!row) return null;
  const [createdBy, history, events] = await Promise.all([
    row.createdById ? db().user.findUnique({ where: { id: row.createdById }, select: { email: true } }) : null,
    getRotationChain(organizationId, row.id, row.rotatedFromId),
    db().auditEvent.findMany({
      where: { organizationId, targetId: { in: [row.id, ...(row.rotatedFromId ? [row.rotatedFromId] : [])] } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, action: true, actorLabel: true, createdAt: true, ip: true, metadata: true },
    }),
  ]);
  return { key: toKeyDto(row), createdByEmail: createdBy?.email ?? null, history, events };
}

/** The key's predecessors and successors, oldest first (bounded walk). */
async function getRotationChain(organizationId: string, id: string, rotatedFromId: string | null) {
  const chain: KeyDto[] = [];
  let prev = rotatedFromId;
  for (let i = 0; prev && i < 20; i++) {
    const row = await db().apiKey.findFirst({ where: { id: prev, organizationId }, select: KEY_SELECT });
    if (!row) break;
    chain.unshift(toKeyDto(row));
    prev = row.rotatedFromId;
  }
  let next: string | null = id;
  const after: KeyDto[] = [];
  for (let i = 0; next && i < 20; i++) {
    const row: Awaited<ReturnType<typeof findSuccessor>> = await findSuccessor(organizationId, next);
    if (!row) break;
    after.push(toKeyDto(row));
    next = row.id;
  }
  return { before: chain, after };
}

function findSuccessor(organizationId: string, id: string) {
  return db().apiKey.findFirst({ where: { rotatedFromId: id, organizationId }, select: KEY_SELECT });
}

export async function getProjectsForOrg(organizationId: string) {
  return db().project.findMany({ where: { organizationId }, select: { id: true, name: true, archivedAt: true }, orderBy: { name: "asc" } });
}

/** One key of the organization, as listed by the API; null for an unknown or foreign id. */
export async function getKeyForOrg(organizationId: string, keyId: string): Promise<KeyDto | null> {
  const row = await db().apiKey.findFirst({ where: { id: keyId, organizationId }, select: KEY_SELECT });
  return row ? toKeyDto(row) : null;
}

/** A page of the organization's keys, newest first (the management API's list); of one identity when given. */
export async function getKeysPageForOrg(organizationId: string, limit: number, cursor?: string, externalId?: string) {
  const where: Prisma.ApiKeyWhereInput = externalId ? { organizationId, identity: { externalId } } : { organizationId };
  const { page, nextCursor } = await cursorPage({
    limit,
    cursor,
    cursorInScope: async (id) => Boolean(await db().apiKey.findFirst({ where: { id, organizationId }, select: { id: true } })),
    fetch: (args) =>
      db().apiKey.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: KEY_SELECT, ...args }),
  });
  return { page: page.map((r) => toKeyDto(r)), nextCursor };
}

/** Keys to pick from in the usage filter (newest first, at most 500). */
export async function getKeyChoicesForOrg(organizationId: string) {
  return db().apiKey.findMany({
    where: { organizationId },
    select: { id: true, name: true, hint: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
}

export async function hasAnyKey(organizationId: string): Promise<boolean> {
  return (await db().apiKey.findFirst({ where: { organizationId }, select: { id: true } })) !== null;
}

/** The email of the person who created a key (null for the CLI or a deleted user). */
export async function getKeyCreatorEmail(keyId: string): Promise<string | null> {
  const row = await db().apiKey.findUnique({ where: { id: keyId }, select: { createdById: true } });
  if (!row?.createdById) return null;
  return (await db().user.findUnique({ where: { id: row.createdById }, select: { email: true } }))?.email ?? null;
}
