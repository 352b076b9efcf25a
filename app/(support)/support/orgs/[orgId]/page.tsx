import Link from "next/link";
import { notFound } from "next/navigation";
import { changePlanAction, reinstateAction, revokeCustomerKeyAction, suspendAction } from "../../actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { AuditTable, pageHrefFor } from "@/components/audit/audit-table";
import { StatusBadge } from "@/components/keys/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { SimpleTable } from "@/components/ui/simple-table";
import { PageHeader } from "@/components/ui/page-header";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageTable } from "@/components/usage/usage-table";
import { requireStaff } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { AUDIT_PAGE_SIZE, auditQuerySchema, getAuditEvents } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";
import { DEFAULT_SUSPENSION_MESSAGE } from "@/lib/orgs/suspension";
import { getAccountForStaff } from "@/lib/support/account";
import { resolveRange } from "@/lib/usage/page-query";
import { getUsageSeriesForOrg, totalsOf } from "@/lib/usage/series";
import { recordId } from "@/lib/validation/text";

export const metadata = { title: "Account · Support" };

const PLANS = ["FREE", "PRO", "ENTERPRISE"].map((p) => ({ value: p, label: p }));

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff();
  const id = recordId().safeParse((await params).orgId);
  if (!id.success) notFound();
  const account = await getAccountForStaff(user, id.data);
  if (!account) notFound();
  const raw = await searchParams;
  const auditQuery = auditQuerySchema.parse(raw);
  const [audit, usage] = await Promise.all([
    getAuditEvents({ organizationId: account.id, audience: "staff", staff: user }, auditQuery),
    getUsageSeriesForOrg(account.id, resolveRange({ range: "7d" })),
  ]);
  const points = usage.points.map((p) => ({ ...p, time: p.time.toISOString() }));
  const isAdmin = user.staffRole === "ADMIN";
  const suspended = Boolean(account.suspendedAt);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/support" className="text-indigo-700 underline">
          ← Accounts
        </Link>
      </p>
      <PageHeader
        title={account.name}
        description={`${account.slug} · ${account.plan} plan · created ${formatDateTime(account.createdAt)}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link
              href={`/${account.slug}/keys`}
              className="inline-flex items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-100"
            >
              View as customer
            </Link>
            {suspended ? (
              <ConfirmDialog
                action={reinstateAction}
                trigger="Reinstate"
                title={`Reinstate ${account.name}?`}
                description="Its keys work again at once, on every instance, and the banner goes away."
                hidden={{ slug: account.slug }}
                fields={[{ name: "note", label: "Internal note (optional)", hint: "Staff only." }]}
                confirm="Reinstate"
              />
            ) : (
              <ConfirmDialog
                action={suspendAction}
                trigger="Suspend"
                danger
                title={`Suspend ${account.name}?`}
                description="Every key of this organization will answer 403 ACCOUNT_SUSPENDED within a second; members see a banner; keys cannot be created or rotated (revoking still works)."
                hidden={{ slug: account.slug }}
                fields={[
                  { name: "note", label: "Internal note", hint: "Why, for staff only. Required.", required: true },
                  {
                    name: "message",
                    label: "Message for the customer",
                    defaultValue: DEFAULT_SUSPENSION_MESSAGE,
                    maxLength: 500,
                    hint: "In the 403 body and the dashboard banner.",
                  },
                ]}
                confirm="Suspend organization"
              />
            )}
            {isAdmin ? (
              <ConfirmDialog
                action={changePlanAction}
                trigger="Change plan"
                title={`Change the plan of ${account.name}`}
                description="Limits change from the next request."
                hidden={{ organizationId: account.id }}
                fields={[
                  { name: "plan", label: "Plan", options: PLANS, defaultValue: account.plan },
                  { name: "note", label: "Internal note", hint: "Why. Required.", required: true },
                ]}
                confirm="Change plan"
              />
            ) : null}
          </div>
        }
      />

      <section aria-labelledby="status" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4 text-sm">
        <h2 id="status" className="mb-2 font-medium">
          Status
        </h2>
        {suspended ? (
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
            <dt className="text-zinc-600">Suspended</dt>
            <dd className="font-medium text-red-700">
              since {formatDateTime(account.suspendedAt)} by {account.suspendedByEmail ?? "the operator CLI"}
            </dd>
            <dt className="text-zinc-600">Internal note</dt>
            <dd>{account.suspendedReason}</dd>
            <dt className="text-zinc-600">Customer message</dt>
            <dd>{account.suspendedMessage ?? DEFAULT_SUSPENSION_MESSAGE}</dd>
          </dl>
        ) : (
          <p>Active</p>
        )}
      </section>

      <section aria-labelledby="members" className="mb-6">
        <h2 id="members" className="mb-2 font-medium">
          Members ({account.members.length})
        </h2>
        <SimpleTable
          label="Members"
          head={["Email", "Name", "Role", "Last sign-in", ""]}
          rows={account.members.map((m) => [
            m.email,
            m.name ?? "—",
            ROLE_LABELS[m.role],
            <RelativeTime key="t" value={m.lastSignInAt} empty="Never" />,
            <Link
              key="u"
              href={`/support/users/${m.id}`}
              className="text-indigo-700 underline"
              aria-label={`User details for ${m.email}`}
            >
              User details
            </Link>,
          ])}
        />
      </section>

      <section aria-labelledby="keys" className="mb-6">
        <h2 id="keys" className="mb-2 font-medium">
          Keys ({account.keys.length}
          {account.keys.length === 200 ? ", newest 200" : ""})
        </h2>
        <SimpleTable
          label="Keys"
          head={["Name", "Key", "Environment", "Scopes", "Status", "Last used", ...(isAdmin ? [""] : [])]}
          rows={account.keys.map((k) => [
            k.name,
            <code key="h">{k.hint}</code>,
            k.environment,
            <span key="s" className="text-xs">
              {k.scopes.join(", ")}
            </span>,
            <StatusBadge key="b" status={k.status} />,
            <RelativeTime key="t" value={k.lastUsedAt} empty="Never" />,
            ...(isAdmin
              ? [
                  k.status === "revoked" ? (
                    ""
                  ) : (
                    <ConfirmDialog
                      key="r"
                      action={revokeCustomerKeyAction}
                      trigger="Revoke"
                      triggerLabel={`Revoke ${k.name}`}
                      danger
                      title={`Revoke "${k.name}"?`}
                      description={
                        <>
                          <code>{k.hint}</code> stops working immediately, everywhere. The customer sees the revocation and the
                          reason in their audit log.
                        </>
                      }
                      hidden={{ organizationId: account.id, keyId: k.id }}
                      fields={[
                        {
                          name: "note",
                          label: "Reason",
                          hint: "For example: leaked in a public repository. Required.",
                          required: true,
                        },
                      ]}
                      confirm="Revoke key"
                    />
                  ),
                ]
              : []),
          ])}
        />
      </section>

      <section aria-labelledby="failures" className="mb-6">
        <h2 id="failures" className="mb-2 font-medium">
          Refused requests, last 24 hours
        </h2>
        {account.failures.length === 0 ? (
          <p className="text-sm text-zinc-600">No refused requests in the last 24 hours.</p>
        ) : (
          <SimpleTable
            label="Refused requests by key"
            head={["Key", "401", "403", "429", "Other", "Total"]}
            rows={account.failures.map((f) => [
              `${f.name} ${f.hint}`,
              f.unauthorized,
              f.forbidden,
              f.rateLimited,
              f.other,
              f.total,
            ])}
          />
        )}
      </section>

      <section aria-labelledby="usage" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="usage" className="mb-2 font-medium">
          Usage, last 7 days ({totalsOf(usage.points).requests.toLocaleString("en")} requests)
        </h2>
        <UsageChart points={points} granularity={usage.granularity} quota={null} />
        <div className="mt-3">
          <UsageTable points={points} caption={`Requests of ${account.name} per ${usage.granularity} by outcome`} />
        </div>
      </section>

      <section aria-labelledby="audit">
        <h2 id="audit" className="mb-2 font-medium">
          Audit log
        </h2>
        <AuditTable
          rows={audit.rows}
          total={audit.total}
          page={auditQuery.page}
          pageSize={AUDIT_PAGE_SIZE}
          pageHref={pageHrefFor(raw)}
          label="Audit events of this organization"
        />
      </section>
    </>
  );
}
