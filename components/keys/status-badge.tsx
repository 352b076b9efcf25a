import type { KeyStatus } from "@/lib/keys/status";

/** A key's status as people see it: "suspended" while its organization is (the API answers 403). */
export type ShownStatus = KeyStatus | "suspended";

/** What the dashboard shows for a key of an organization that may be suspended. */
export function shownStatus(status: KeyStatus, organizationSuspended: boolean): ShownStatus {
  return organizationSuspended && (status === "active" || status === "rotating") ? "suspended" : status;
}

const STYLES: Record<ShownStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rotating: "bg-amber-50 text-amber-800 ring-amber-200",
  expired: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  revoked: "bg-red-50 text-red-800 ring-red-200",
  suspended: "bg-red-50 text-red-800 ring-red-200",
};

export function StatusBadge({ status }: { status: ShownStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STYLES[status]}`}>{status}</span>;
}
