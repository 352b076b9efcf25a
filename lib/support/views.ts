import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";

// A page that refreshes itself (Usage polls every 10 s) would write an event per poll: one
// event per staff member and organization per 10 minutes records the visit without the noise.
const VIEW_DEDUPE_MS = 10 * 60 * 1000;

/** Support staff opened a customer's own dashboard ("view as customer"). */
export async function recordStaffView(staff: { id: string; email: string }, organizationId: string, context: AuditContext) {
  const recent = await db().auditEvent.findFirst({
    where: {
      actorId: staff.id,
      organizationId,
      action: "support.viewed",
      createdAt: { gte: new Date(Date.now() - VIEW_DEDUPE_MS) },
    },
    select: { id: true },
  });
  if (recent) return;
  await recordAudit({
    actor: { type: "staff", id: staff.id, label: staff.email },
    organizationId,
    action: "support.viewed",
    target: { type: "organization", id: organizationId },
    context,
  });
}
