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
  const slug = organization.slug;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to keys and membership: who, what, when, from where. Append-only."
        actions={
          <a
            href={`/${slug}/audit/export?${new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "page"))}`}
            className="inline-flex items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-100"
          >
            Download CSV
          </a>
        }
      />
      <Suspense>
        <AuditFilters actions={actions} />
      </Suspense>
      <AuditTable
        rows={rows}
        total={total}
        page={query.page}
        pageSize={AUDIT_PAGE_SIZE}
        pageHref={pageHrefFor(raw)}
        targetHref={(e) =>
          e.targetType === "api_key" && e.targetId
            ? `/${slug}/keys/${e.targetId}`
            : e.targetType === "user" || e.targetType === "invitation"
              ? `/${slug}/members`
              : e.targetType === "project"
                ? `/${slug}/projects`
                : null
        }
      />
    </>
  );
}
