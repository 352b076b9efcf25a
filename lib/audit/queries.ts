import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db/client";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The audit page's filters, from the URL; bad values are ignored. */
export const auditQuery = z.object({
  action: z.string().max(64).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof auditQuery>;

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
