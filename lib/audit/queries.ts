import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db/client";
import { text } from "../validation/text";

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
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const AUDIT_PAGE_SIZE = 50;

export async function getAuditEventsForOrg(organizationId: string, query: AuditQuery) {
  const where: Prisma.AuditEventWhereInput = { organizationId };
  if (query.action) where.action = query.action;
  if (query.actor) where.actorLabel = { contains: query.actor, mode: "insensitive" };
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
      ...(query.to ? { lte: new Date(`${query.to}T23:59:59.999Z`) } : {}),
    };
  }
  const [rows, total, actions] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: {
        id: true,
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
    db().auditEvent.findMany({
      where: { organizationId },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    }),
  ]);
  return { rows, total, actions: actions.map((a) => a.action) };
}
