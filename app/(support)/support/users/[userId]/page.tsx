import Link from "next/link";
import { notFound } from "next/navigation";
import { endSessionsAction, unlockUserAction } from "../../actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { getUserForStaff } from "@/lib/support/users";
import { recordId } from "@/lib/validation/text";

export const metadata = { title: "User · Support" };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const staff = await requireStaff();
  const id = recordId().safeParse((await params).userId);
  if (!id.success) notFound();
  const user = await getUserForStaff(staff, id.data);
  if (!user) notFound();
  const minutes = (s: number) => (s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`);
  const lockText = (l: (typeof user.locks)[number]) =>
    l.scope === "account-address"
      ? `from ${l.ip}: waits ${minutes(l.retryAfterSeconds)} (10 failures from that address)`
      : l.scope === "address"
        ? `${l.ip} is locked for every account for ${minutes(l.retryAfterSeconds)} (30 failures across accounts; Unlock does not lift it)`
        : `from any new device: waits ${minutes(l.retryAfterSeconds)} (failures from many addresses)`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/support/users" className="text-indigo-700 underline">
          ← Users
        </Link>
      </p>
      <PageHeader
        title={user.email}
        description={`${user.name ?? "No name"} · joined ${formatDateTime(user.createdAt)}${user.staffRole ? ` · staff: ${user.staffRole}` : ""}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <ConfirmDialog
              action={unlockUserAction}
              trigger="Unlock sign-in"
              title={`Unlock sign-in for ${user.email}?`}
              description="Earlier failed sign-ins stop counting: the person can try again at once, from anywhere."
              hidden={{ userId: user.id }}
              confirm="Unlock"
            />
            {staff.staffRole === "ADMIN" ? (
              <ConfirmDialog
                action={endSessionsAction}
                trigger="End all sessions"
                danger
                title={`End every session of ${user.email}?`}
                description={`Signs them out on every device (${user.activeSessions} active now): their next page load goes to sign-in. Their API keys keep working.`}
                hidden={{ userId: user.id }}
                confirm="End all sessions"
              />
            ) : null}
          </div>
        }
      />
      <section aria-labelledby="sign-in-state" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4 text-sm">
        <h2 id="sign-in-state" className="mb-2 font-medium">
          Sign-in
        </h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
          <dt className="text-zinc-600">Active sessions</dt>
          <dd>{user.activeSessions}</dd>
          <dt className="text-zinc-600">Failed sign-ins, last hour</dt>
          <dd>{user.recentFailures.length}</dd>
          <dt className="text-zinc-600">Throttled now</dt>
          <dd className={user.locks.length ? "font-medium text-red-700" : ""}>
            {user.locks.length ? (
              <ul>
                {user.locks.map((l) => (
                  <li key={`${l.scope}-${l.ip}`}>Yes, {lockText(l)}</li>
                ))}
              </ul>
            ) : (
              "No"
            )}
          </dd>
          <dt className="text-zinc-600">Last unlocked by staff</dt>
          <dd>{formatDateTime(user.signInUnlockedAt, "Never")}</dd>
        </dl>
      </section>
      <section className="mb-6">
        <h2 id="orgs" className="mb-2 font-medium">
          Organizations
        </h2>
        <SimpleTable
          label="Organizations"
          head={["Organization", "Role", "Status"]}
          rows={user.memberships.map((m) => [
            <Link key="o" href={`/support/orgs/${m.organization.id}`} className="text-indigo-700 underline">
              {m.organization.name}
            </Link>,
            ROLE_LABELS[m.role],
            m.organization.suspendedAt ? "Suspended" : "Active",
          ])}
        />
      </section>
      <section className="mb-6">
        <h2 id="sign-ins" className="mb-2 font-medium">
          Recent sign-ins
        </h2>
        <SimpleTable
          label="Recent sign-ins"
          head={["When", "IP", "User agent"]}
          rows={user.signIns.map((s) => [<RelativeTime key="t" value={s.createdAt} />, s.ip ?? "—", s.userAgent ?? "—"])}
        />
      </section>
      {user.recentFailures.length ? (
        <section>
          <h2 id="failures" className="mb-2 font-medium">
            Failed sign-ins, last hour
          </h2>
          <SimpleTable
            label="Failed sign-ins"
            head={["When", "IP"]}
            rows={user.recentFailures.map((f) => [<RelativeTime key="t" value={f.createdAt} />, f.ip])}
          />
        </section>
      ) : null}
    </>
  );
}
