import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { describeAuditEvent, describeTarget } from "@/lib/audit/describe";
import { describeUserAgent } from "@/lib/audit/user-agent";
import { CARD_BODY, CARD_CELL, CARD_HEAD, CARD_ROW, CARD_TABLE } from "@/components/ui/table-cards";

const HEAD = ["Time", "What happened", "Target", "IP", "Browser or client"];

export interface AuditRow {
  id: string;
  organizationId: string | null;
  action: string;
  actorLabel: string;
  targetType: string | null;
  targetId: string | null;
  metadata: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  /** The staff audit names the organization each event acted on. */
  organizationName?: string | null;
}

/** Audit events as a table with pagination; `pageHref` keeps the page's other filters. */
export function AuditTable({
  rows,
  total,
  page,
  pageSize,
  pageHref,
  label = "Audit events",
  targetHref,
}: {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  pageHref: (page: number) => string;
  label?: string;
  /** A link for a target (the staff view links organizations to their account page). */
  targetHref?: (row: AuditRow) => string | null;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (rows.length === 0) return <EmptyState title="No events match" />;
  return (
    <>
      <div tabIndex={0} role="region" aria-label={label} className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className={`w-full text-sm ${CARD_TABLE}`}>
          <thead className={`bg-zinc-50 text-left text-zinc-600 ${CARD_HEAD}`}>
            <tr>
              {HEAD.map((h) => (
                <th key={h} className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={CARD_BODY}>
            {rows.map((e) => {
              const href = targetHref?.(e);
              const target = describeTarget(e);
              return (
                <tr key={e.id} className={`border-t border-zinc-100 align-top ${CARD_ROW}`}>
                  <td data-label={HEAD[0]} className={`px-3 py-2 whitespace-nowrap ${CARD_CELL}`}>
                    <RelativeTime value={e.createdAt} />
                  </td>
                  {/* The sentence needs the card's whole width: no side label on a phone. */}
                  <td className="min-w-[18rem] px-3 py-2 max-sm:block max-sm:min-w-0 max-sm:py-1">
                    <p>{describeAuditEvent(e)}</p>
                    <details className="text-xs text-zinc-600">
                      <summary className="cursor-pointer">
                        <code>{e.action}</code>
                      </summary>
                      <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap break-words">{JSON.stringify(e.metadata, null, 2)}</pre>
                    </details>
                  </td>
                  <td data-label={HEAD[2]} className={`max-w-[14rem] truncate px-3 py-2 text-xs max-sm:max-w-none ${CARD_CELL}`}>
                    {href ? (
                      <Link href={href} className="text-indigo-700 underline" title={e.targetId ?? undefined}>
                        {target}
                      </Link>
                    ) : (
                      <span title={e.targetId ?? undefined}>{target}</span>
                    )}
                  </td>
                  <td data-label={HEAD[3]} className={`px-3 py-2 text-xs ${CARD_CELL}`}>
                    {e.ip ?? "—"}
                  </td>
                  <td data-label={HEAD[4]} className={`px-3 py-2 text-xs whitespace-nowrap ${CARD_CELL}`} title={e.userAgent ?? undefined}>
                    {describeUserAgent(e.userAgent)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-zinc-600">
        <p>{total.toLocaleString("en-US")} events</p>
        <p className="flex gap-3">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className="text-indigo-700">
              Previous
            </Link>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={pageHref(page + 1)} className="text-indigo-700">
              Next
            </Link>
          ) : null}
        </p>
      </nav>
    </>
  );
}

/** The link to another page of a filtered list, keeping the other parameters. */
export function pageHrefFor(raw: Record<string, string | string[] | undefined>) {
  return (page: number) => {
    const qs = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"));
    qs.set("page", String(page));
    return `?${qs}`;
  };
}
