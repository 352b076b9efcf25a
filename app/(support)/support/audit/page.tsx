import { Suspense } from "react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable, pageHrefFor } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_PAGE_SIZE, auditQuerySchema, getAuditEvents } from "@/lib/audit/queries";
import { requireStaff } from "@/lib/auth/current-user";
import { getStaffMembers } from "@/lib/support/users";

export const metadata = { title: "Staff audit · Support" };

export default async function StaffAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireStaff();
  const raw = await searchParams;
  const query = auditQuerySchema.parse(raw);
  const [{ rows, total, actions }, staff] = await Promise.all([getAuditEvents({ staffActions: true, staff: viewer }, query), getStaffMembers(viewer)]);
  return (
    <>
      <PageHeader title="Staff audit" description="Who on the support team looked at or changed which account, and when." />
      <Suspense>
        <AuditFilters actions={actions} staff={staff.map((s) => ({ value: s.id, label: s.email }))} />
      </Suspense>
      <AuditTable
        rows={rows}
        total={total}
        page={query.page}
        pageSize={AUDIT_PAGE_SIZE}
        pageHref={pageHrefFor(raw)}
        label="Staff actions"
        targetHref={(e) =>
          e.organizationId
            ? `/support/orgs/${e.organizationId}`
            : e.targetType === "user" && e.targetId
              ? `/support/users/${e.targetId}`
              : null
        }
      />
    </>
  );
}
