import type { Prisma } from "@prisma/client";
import { db } from "../db/client";

export interface AuditActor {
  // "staff": support staff acting in the console; the staff audit view lists these.
  type: "user" | "cli" | "api_key" | "staff" | "system";
  id?: string | null;
  label: string;
}

export interface AuditContext {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditInput {
  actor: AuditActor;
  action: string;
  organizationId?: string | null;
  target?: { type: string; id: string };
  metadata?: Prisma.InputJsonObject;
  context?: AuditContext;
}

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** Appends one audit event; pass the transaction client to commit it with the change. */
export async function recordAudit(input: AuditInput, tx: Tx = db()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: input.organizationId ?? null,
      actorId: input.actor.id ?? null,
      actorType: input.actor.type,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      metadata: input.metadata ?? {},
      ip: input.context?.ip?.slice(0, 64) ?? null,
      userAgent: input.context?.userAgent?.slice(0, 512) ?? null,
    },
  });
}
