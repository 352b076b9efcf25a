import Link from "next/link";
import { Suspense } from "react";
import { AuditFilters } from "@/components/audit/audit-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { AUDIT_PAGE_SIZE, auditQuerySchema, getAuditEventsForOrg } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";

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
  const { rows, total, actions } = await getAuditEventsForOrg(organization.id, query);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const pageHref = (page: number) => {
    const qs = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
    qs.set("page", String(page));
    return `?${qs}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to keys and membership: who, what, when, from where. Append-only."
      />
      <Suspense>
        <AuditFilters actions={actions} />
      </Suspense>
      {rows.length === 0 ? (
        <EmptyState title="No events match" />
      ) : (
        <div tabIndex={0} role="region" aria-label="Audit events" className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-zinc-50 text-left text-zinc-600">
              <tr>
                {["Time", "Action", "Actor", "Target", "Details", "IP", "User agent"].map((h) => (
                  <th key={h} className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} className="border-t border-zinc-100 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                  <td className="px-3 py-2">
                    <code>{e.action}</code>
                  </td>
                  <td className="px-3 py-2">{e.actorLabel}</td>
                  <td className="px-3 py-2 text-xs">{e.targetType ? `${e.targetType} ${e.targetId}` : "—"}</td>
                  <td className="max-w-xs px-3 py-2 text-xs break-words text-zinc-600">{JSON.stringify(e.metadata)}</td>
                  <td className="px-3 py-2 text-xs">{e.ip ?? "—"}</td>
                  <td className="max-w-[12rem] truncate px-3 py-2 text-xs" title={e.userAgent ?? ""}>
                    {e.userAgent ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-zinc-600">
        <p>{total.toLocaleString("en-US")} events</p>
        <p className="flex gap-3">
          {query.page > 1 ? (
            <Link href={pageHref(query.page - 1)} className="text-indigo-700">
              Previous
            </Link>
          ) : null}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link href={pageHref(query.page + 1)} className="text-indigo-700">
              Next
            </Link>
          ) : null}
        </p>
      </nav>
    </>
  );
}
