"use client";

import { useMemo } from "react";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import type { MemberRole } from "@prisma/client";
import { mayManageKey } from "@/lib/keys/permissions";
import { formatDateTime } from "@/lib/format";
import type { KeyDto } from "@/lib/keys/dto";
import { KeyRowActions } from "./key-row-actions";
import { shownStatus, StatusBadge } from "@/components/keys/status-badge";
import { useQueryParams } from "@/components/ui/use-query-params";
import { RelativeTime } from "@/components/ui/relative-time";
import { Sparkline } from "@/components/usage/sparkline";
import { CARD_BODY, CARD_CELL, CARD_HEAD, CARD_ROW, CARD_TABLE } from "@/components/ui/table-cards";

/** A key with its requests per day over the last 7 days (read for the whole page in one query). */
type KeyRow = KeyDto & { sparkline: number[]; createdByEmail: string | null };

interface Props {
  org: string;
  rows: KeyRow[];
  sort: string;
  dir: "asc" | "desc";
  viewer: { id: string; role: MemberRole };
  /** The organization is suspended: working keys show as "suspended". */
  suspended: boolean;
}

const column = createColumnHelper<KeyRow>();

export function KeysTable({ org, rows, sort, dir, viewer, suspended }: Props) {
  const { set } = useQueryParams();
  // Memoized: flexRender treats cell functions as components, so new functions on every
  // render would remount each cell and drop open dialogs (and the key they show).
  const columns = useMemo(() => buildColumns(org, viewer.id, viewer.role, suspended), [org, viewer.id, viewer.role, suspended]);

  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];
  // TanStack Table's API cannot be memoized by the React Compiler; this table is one page.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (k) => k.id,
    manualSorting: true,
    manualPagination: true,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0] ?? { id: sort, desc: dir !== "desc" };
      set({ sort: first.id, dir: first.desc ? "desc" : "asc" });
    },
  });

  return (
    <div tabIndex={0} role="region" aria-label="API keys" className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className={`w-full text-sm ${CARD_TABLE}`}>
        <thead className={`bg-zinc-50 text-left text-zinc-600 ${CARD_HEAD}`}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    className={`px-3 py-2 font-medium whitespace-nowrap ${widthClass(header.column.columnDef.meta)}`}
                    aria-sort={sorted ? (sorted === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button onClick={header.column.getToggleSortingHandler()} className="hover:text-zinc-900">
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        {sorted ? (sorted === "asc" ? " ▲" : " ▼") : ""}
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className={CARD_BODY}>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={`border-t border-zinc-100 align-top ${CARD_ROW}`}>
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  data-label={typeof cell.column.columnDef.header === "string" ? cell.column.columnDef.header : undefined}
                  className={`px-3 py-2 whitespace-nowrap ${widthClass(cell.column.columnDef.meta)} ${cardClass(cell.column.columnDef.meta)}`}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="p-6 text-center text-sm text-zinc-500">No keys match these filters.</p> : null}
    </div>
  );
}

// From 640 px up a table whose lower-priority columns appear from the named breakpoint up;
// below 640 px each key is a card of labelled lines holding what matters on a phone (status,
// last use, expiry, actions). The key page has everything.
type ColumnMeta = { hideBelow?: "md" | "xl" | "wide"; inCard?: false };
const HIDE_BELOW = { md: "sm:hidden md:table-cell", xl: "sm:hidden xl:table-cell", wide: "sm:hidden min-[1400px]:table-cell" } as const;
function widthClass(meta: unknown): string {
  const below = (meta as ColumnMeta | undefined)?.hideBelow;
  return below ? HIDE_BELOW[below] : "";
}
function cardClass(meta: unknown): string {
  if ((meta as ColumnMeta | undefined)?.inCard === false) return "max-sm:hidden";
  return CARD_CELL;
}

function buildColumns(org: string, viewerId: string, role: MemberRole, suspended: boolean) {
  return [
    column.accessor("name", {
      header: "Name",
      cell: ({ row: { original: k } }) => (
        <div>
          <Link href={`/${org}/keys/${k.id}`} title={k.name} className="block max-w-[10rem] truncate font-medium xl:max-w-[13rem] text-indigo-700 hover:underline max-sm:max-w-[12rem]">
            {k.name}
          </Link>
          {k.rotatedToHint ? (
            <p className="text-xs text-zinc-500">
              replaced by <code>{k.rotatedToHint}</code>
            </p>
          ) : null}
          {k.rotatedFromHint ? (
            <p className="text-xs text-zinc-500">
              rotated from <code>{k.rotatedFromHint}</code>
            </p>
          ) : null}
        </div>
      ),
    }),
    column.accessor("hint", {
      header: "Key",
      enableSorting: false,
      cell: (c) => <code className="text-xs">{c.getValue()}</code>,
    }),
    column.accessor("status", {
      header: "Status",
      cell: ({ row: { original: k } }) => (
        <div>
          <StatusBadge status={shownStatus(k.status, suspended)} />
          {k.disabledAt ? <span className="ml-1 rounded bg-zinc-800 px-1.5 py-0.5 text-xs font-medium text-white">disabled</span> : null}
          {k.status === "rotating" ? <p className="text-xs text-zinc-500">until {formatDateTime(k.graceEndsAt)}</p> : null}
        </div>
      ),
    }),
    column.accessor("environment", { header: "Env" }),
    column.accessor("scopes", {
      header: "Scopes",
      enableSorting: false,
      meta: { hideBelow: "xl" },
      cell: (c) => <span className="text-xs whitespace-normal text-zinc-700">{c.getValue().join(", ")}</span>,
    }),
    column.accessor("lastUsedAt", { header: "Last used", cell: (c) => <RelativeTime value={c.getValue()} /> }),
    column.display({
      id: "sparkline",
      header: "7 days",
      meta: { hideBelow: "xl", inCard: false },
      cell: (c) => <Sparkline values={c.row.original.sparkline} label={c.row.original.name} />,
    }),
    column.accessor("expiresAt", { header: "Expires", cell: (c) => <RelativeTime value={c.getValue()} empty="Never" />, meta: { hideBelow: "md" } }),
    column.accessor("createdAt", {
      header: "Created",
      meta: { hideBelow: "wide", inCard: false },
      cell: ({ row: { original: k } }) => (
        <span>
          <RelativeTime value={k.createdAt} />
          {k.createdByEmail ? <span className="block max-w-[11rem] truncate text-xs text-zinc-600" title={k.createdByEmail}>by {k.createdByEmail}</span> : null}
        </span>
      ),
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row: { original: k } }) =>
        mayManageKey(role, viewerId, k) ? (
          <div className="flex justify-end">
            <KeyRowActions org={org} keyId={k.id} name={k.name} hint={k.hint} status={k.status} />
          </div>
        ) : null,
    }),
  ];
}
