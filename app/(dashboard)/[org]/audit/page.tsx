import { Suspense } from "react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable, pageHrefFor } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { AUDIT_PAGE_SIZE, auditQuerySchema, getAuditEvents } from "@/lib/audit/queries";

export const metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization } = await requireMember((await params).org);
  const raw = await searchParams;
  const query = auditQuerySchema.parse(raw);
  const { rows, total, actions } = await getAuditEvents({ organizationId: organization.id, audience: "customer" }, query);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to keys and membership: who, what, when, from where. Append-only."
      />
      <Suspense>
        <AuditFilters actions={actions} />
      </Suspense>
      <AuditTable rows={rows} total={total} page={query.page} pageSize={AUDIT_PAGE_SIZE} pageHref={pageHrefFor(raw)} />
    </>
  );
}
