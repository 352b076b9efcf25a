import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db/client";
import { assertStaff, type Staff } from "../auth/staff";
import { recordId, text } from "../validation/text";

/** A real calendar day (`2024-99-99` and `0000-00-00` are not). */
function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const day = z.string().refine(isCalendarDay).optional().catch(undefined);

/** The audit page's filters, from the URL; bad values are ignored. */
export const auditQuerySchema = z.object({
  action: text().max(64).optional().catch(undefined),
  actor: text().trim().max(254).optional().catch(undefined),
  from: day,
  to: day,
  /** The staff audit view: one staff member's actions. */
  staff: recordId().optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const AUDIT_PAGE_SIZE = 50;

/**
 * Whose events: an organization's, as its members see them (staff-only notes left out) or
 * as support staff see them; or every staff action (the staff audit view).
 */
export type AuditScope =
  | { organizationId: string; audience: "customer" }
  | { organizationId: string; audience: "staff"; staff: Staff }
  | { staffActions: true; staff: Staff };

const STAFF_ONLY_METADATA = ["internalNote"];

function forCustomer(metadata: Prisma.JsonValue): Prisma.JsonValue {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return metadata;
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !STAFF_ONLY_METADATA.includes(k)));
}

function auditWhere(scope: AuditScope, query: Omit<AuditQuery, "page">) {
  if ("staff" in scope) assertStaff(scope.staff);
  const base: Prisma.AuditEventWhereInput = "staffActions" in scope ? { actorType: "staff" } : { organizationId: scope.organizationId };
  const where: Prisma.AuditEventWhereInput = { ...base };
  if (query.action) where.action = query.action;
  if (query.actor) where.actorLabel = { contains: query.actor, mode: "insensitive" };
  if (query.staff) where.actorId = query.staff;
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
      ...(query.to ? { lte: new Date(`${query.to}T23:59:59.999Z`) } : {}),
    };
  }
  return { base, where };
}

export async function getAuditEvents(scope: AuditScope, query: AuditQuery) {
  const { base, where } = auditWhere(scope, query);
  const [rows, total, actions] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
        organizationId: true,
        action: true,
        actorLabel: true,
        actorType: true,
        targetType: true,
        targetId: true,
        metadata: true,
        ip: true,
        userAgent: true,
        createdAt: true,
      },
    }),
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({ where: base, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  const customer = "audience" in scope && scope.audience === "customer";
  const names = "staffActions" in scope ? await organizationNames(rows.map((r) => r.organizationId)) : new Map<string, string>();
  return {
    rows: customer
      ? rows.map((r) => ({ ...r, metadata: forCustomer(r.metadata) }))
      : rows.map((r) => ({ ...r, organizationName: r.organizationId ? (names.get(r.organizationId) ?? null) : null })),
    total,
    actions: actions.map((a) => a.action),
  };
}

async function organizationNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const orgs = await db().organization.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(orgs.map((o) => [o.id, o.name]));
}

// A cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with '.
function csvCell(value: unknown): string {
  let s = value instanceof Date ? value.toISOString() : typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The filtered audit log as CSV lines, read 1,000 events at a time (newest first), so an
 * export of any size streams in bounded memory. Customer exports leave staff-only notes out.
 */
export async function* auditCsv(scope: AuditScope, query: Omit<AuditQuery, "page">, describe: (e: { action: string; actorLabel: string; metadata: unknown }) => string) {
  const { where } = auditWhere(scope, query);
  const customer = "audience" in scope && scope.audience === "customer";
  yield "time,action,actor,summary,target_type,target_id,ip,user_agent,details\n";
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; createdAt: Date; action: string; actorLabel: string; targetType: string | null; targetId: string | null; metadata: Prisma.JsonValue; ip: string | null; userAgent: string | null }[] =
      await db().auditEvent.findMany({
        where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1000,
        select: { id: true, createdAt: true, action: true, actorLabel: true, targetType: true, targetId: true, metadata: true, ip: true, userAgent: true },
      });
    if (!page.length) return;
    let chunk = "";
    for (const e of page) {
      const metadata = customer ? forCustomer(e.metadata) : e.metadata;
      chunk += [e.createdAt, e.action, e.actorLabel, describe({ ...e, metadata }), e.targetType, e.targetId, e.ip, e.userAgent, metadata].map(csvCell).join(",") + "\n";
    }
    yield chunk;
    const last = page[page.length - 1];
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}
