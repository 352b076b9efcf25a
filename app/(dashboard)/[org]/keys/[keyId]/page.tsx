import Link from "next/link";
import { notFound } from "next/navigation";
import { setKeyDisabledAction } from "../actions";
import { EditKeyDialog } from "../_components/edit-key-dialog";
import { RevokeKeyDialog } from "../_components/revoke-key-dialog";
import { RotateKeyDialog } from "../_components/rotate-key-dialog";
import { ExampleRequest } from "@/components/keys/example-request";
import { shownStatus, StatusBadge } from "@/components/keys/status-badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { formatDateTime } from "@/lib/format";
import { mayManageKey } from "@/lib/keys/permissions";
import { effectivePerMinute, planLimits } from "@/lib/keys/plans";
import { getKeyDetailForOrg, getProjectsForOrg } from "@/lib/keys/queries";
import { getRecentUsageForKey, totalsOf } from "@/lib/usage/series";
import { customerIds } from "@/lib/identities/service";
import { describeLimit } from "@/lib/ratelimit/named-limits";
import { RelativeTime } from "@/components/ui/relative-time";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageTable } from "@/components/usage/usage-table";

export const metadata = { title: "Key" };

export default async function KeyDetailPage({ params }: { params: Promise<{ org: string; keyId: string }> }) {
  const { org, keyId } = await params;
  const { organization, role, user } = await requireMember(org);
  const detail = await getKeyDetailForOrg(organization.id, keyId);
  if (!detail) notFound();
  const [usage, customers, projects] = await Promise.all([
    getRecentUsageForKey(organization.id, keyId),
    customerIds(organization.id),
    getProjectsForOrg(organization.id),
  ]);
  const points = usage.points.map((p) => ({ ...p, time: p.time.toISOString() }));
  const used = totalsOf(usage.points).requests;
  const { key, createdByEmail, history, events } = detail;
  const settings: [string, React.ReactNode][] = [
    ["Key", <code key="hint">{key.hint}</code>],
    [
      "Status",
      <span key="status" className="flex flex-wrap items-center gap-2">
        <StatusBadge status={shownStatus(key.status, !!organization.suspendedAt)} />
        {key.disabledAt ? <span className="rounded bg-zinc-800 px-1.5 py-0.5 text-xs font-medium text-white">disabled since {formatDateTime(key.disabledAt)}</span> : null}
      </span>,
    ],
    ["Environment", key.environment],
    ["Scopes", key.scopes.join(", ")],
    ["Project", key.projectName ?? "Any project"],
    [
      "Rate limit",
      `${effectivePerMinute(organization.plan, key.ratelimitPerMinute, organization.profile)} requests per minute${key.ratelimitPerMinute ? "" : " (plan default)"}`,
    ],
    [
      "Credits",
      key.credits === null
        ? "Unlimited"
        : `${key.credits.toLocaleString("en-US")} left${key.creditRefill ? `, refilled to ${key.creditRefill.amount.toLocaleString("en-US")} every ${key.creditRefill.interval === "daily" ? "day" : "month"} (UTC)` : ""}`,
    ],
    [
      "Customer",
      key.externalId ? (
        <Link key="customer" href={`/${org}/identities#${encodeURIComponent(key.externalId)}`} className="text-indigo-700 hover:underline">
          {key.externalId}
        </Link>
      ) : (
        "None"
      ),
    ],
    ["Named limits", key.limits.length ? key.limits.map(describeLimit).join("; ") : "None"],
    ["Created", `${formatDateTime(key.createdAt)}${createdByEmail ? ` by ${createdByEmail}` : ""}`],
    [
      "Last used",
      key.lastUsedAt ? (
        <span key="used">
          <RelativeTime value={key.lastUsedAt} />
          {key.lastUsedIp ? <span className="text-zinc-600"> from {key.lastUsedIp}</span> : null}
          {key.lastUsedUserAgent ? <span className="block truncate text-xs text-zinc-600">{key.lastUsedUserAgent}</span> : null}
        </span>
      ) : (
        <span key="used" className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700">
          Never used
        </span>
      ),
    ],
    ["Expires", formatDateTime(key.expiresAt, "Never")],
    ["Allowed addresses", key.ipAllowlist.length ? key.ipAllowlist.join(", ") : "Any"],
    ["Metadata", Object.keys(key.metadata).length ? <code key="meta" className="text-xs break-all">{JSON.stringify(key.metadata)}</code> : "None"],
  ];
  if (key.status === "rotating") settings.push(["Grace window ends", formatDateTime(key.graceEndsAt)]);
  if (key.status === "revoked")
    settings.push(["Revoked", `${formatDateTime(key.revokedAt)}${key.revokedReason ? ` (${key.revokedReason})` : ""}`]);
  const chain = [...history.before, key, ...history.after];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/${org}/keys`} className="text-indigo-700 hover:underline">
          ← All keys
        </Link>
      </p>
      <PageHeader
        title={key.name}
        actions={
          mayManageKey(role, user.id, key) && key.status !== "revoked" ? (
            <div className="flex flex-wrap gap-2">
              {key.status !== "expired" ? (
                <EditKeyDialog
                  org={org}
                  role={role}
                  planLimit={planLimits(organization.plan, organization.profile).perMinute}
                  policy={organization}
                  profile={organization.profile}
                  keyData={{
                    id: key.id,
                    name: key.name,
                    scopes: key.scopes,
                    expiresAt: key.expiresAt?.toISOString() ?? null,
                    ratelimitPerMinute: key.ratelimitPerMinute,
                    ipAllowlist: key.ipAllowlist,
                    metadata: key.metadata,
                    credits: key.credits,
                    creditRefill: key.creditRefill,
                    limits: key.limits,
                    externalId: key.externalId,
                    projectId: key.projectId,
                  }}
                  customers={customers}
                  projects={projects.filter((p) => !p.archivedAt || p.id === key.projectId)}
                />
              ) : null}
              <ConfirmDialog
                action={setKeyDisabledAction}
                trigger={key.disabledAt ? "Enable" : "Disable"}
                triggerLabel={`${key.disabledAt ? "Enable" : "Disable"} ${key.name}`}
                danger={!key.disabledAt}
                title={key.disabledAt ? `Enable "${key.name}"?` : `Disable "${key.name}"?`}
                description={
                  key.disabledAt
                    ? "The key works again within a second, on every instance."
                    : "Requests with this key get 401 KEY_DISABLED within a second, until you enable it again. Nothing else changes."
                }
                hidden={{ org, keyId: key.id, disabled: key.disabledAt ? "false" : "true" }}
                confirm={key.disabledAt ? "Enable key" : "Disable key"}
              />
              <RotateKeyDialog org={org} keyId={key.id} name={key.name} hint={key.hint} canRotate={key.status === "active"} openSuccessor />
              <RevokeKeyDialog org={org} keyId={key.id} name={key.name} hint={key.hint} />
            </div>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="settings" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="settings" className="mb-3 font-medium">
            Settings
          </h2>
          <dl className="grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
            {settings.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-zinc-600">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="rotation" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="rotation" className="mb-3 font-medium">
            Rotation history
          </h2>
          {chain.length === 1 ? (
            <p className="text-sm text-zinc-500">Never rotated.</p>
          ) : (
            <ol className="space-y-2 text-sm">
              {chain.map((k) => (
                <li key={k.id} className="flex items-center gap-2">
                  <code className={k.id === key.id ? "font-semibold" : ""}>{k.hint}</code>
                  <StatusBadge status={k.status} />
                  <span className="text-zinc-500">created {formatDateTime(k.createdAt)}</span>
                  {k.id !== key.id ? (
                    <Link href={`/${org}/keys/${k.id}`} className="text-indigo-700 hover:underline">
                      view
                    </Link>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <section aria-labelledby="usage" className="mt-6 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="usage" className="mb-3 font-medium">
          Usage, last 7 days
        </h2>
        {used === 0 ? (
          <div className="text-sm text-zinc-600">
            <p className="mb-2">No requests in the last 7 days. Try one, with the stored key in place of its hint:</p>
            <ExampleRequest credential={key.hint} />
          </div>
        ) : (
          <>
            <UsageChart points={points} granularity={usage.granularity} quota={null} />
            <div className="mt-3">
              <UsageTable points={points} caption={`Requests of ${key.name} per ${usage.granularity} by outcome`} />
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="events" className="mt-6 rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="events" className="mb-3 font-medium">
          Audit events
        </h2>
        <ul className="space-y-1 text-sm">
          {events.map((e) => (
            <li key={e.id}>
              <span className="text-zinc-500">{formatDateTime(e.createdAt)}</span> <code>{e.action}</code> by {e.actorLabel}
              {e.ip ? <span className="text-zinc-500"> from {e.ip}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
