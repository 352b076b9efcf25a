import Link from "next/link";
import { ExampleRequest } from "@/components/keys/example-request";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { OUTCOME_STYLES } from "@/components/usage/outcomes";
import { UsageChart } from "@/components/usage/usage-chart";
import { requireMember } from "@/lib/auth/current-user";
import { describeAuditEvent } from "@/lib/audit/describe";
import { getOverviewForOrg } from "@/lib/orgs/overview";

export const metadata = { title: "Overview" };

export default async function OrgOverview({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMember((await params).org);
  const o = await getOverviewForOrg(organization.id);
  const base = `/${organization.slug}`;
  const started = o.checklist.keyCreated && o.checklist.requestMade && o.checklist.requestCounted;
  return (
    <>
      <PageHeader title={organization.name} description="Traffic, keys that need attention, and what changed lately." />
      {!started ? (
        <section aria-labelledby="first-steps" className="mb-6 rounded-lg border border-indigo-200 bg-white p-5">
          <h2 id="first-steps" className="mb-3 font-medium">
            Your first request
          </h2>
          <ol className="space-y-2 text-sm">
            <Step done={o.checklist.keyCreated}>
              <Link href={`${base}/keys`} className="text-indigo-700 underline">
                Create a key
              </Link>{" "}
              (shown once: store it).
            </Step>
            <Step done={o.checklist.requestMade}>Call the API with it:</Step>
            <Step done={o.checklist.requestCounted}>
              See it counted on the{" "}
              <Link href={`${base}/usage`} className="text-indigo-700 underline">
                Usage
              </Link>{" "}
              page, within seconds.
            </Step>
          </ol>
          {o.checklist.keyCreated && !o.checklist.requestMade ? (
            <div className="mt-3">
              <ExampleRequest credential={o.neverUsed[0]?.hint ?? "YOUR_KEY"} profile={organization.profile} />
            </div>
          ) : null}
        </section>
      ) : null}
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <Traffic title="Today (UTC)" totals={o.today} />
        <Traffic title="Last 7 days" totals={o.week} />
      </div>
      {o.week.requests > 0 ? (
        <section aria-labelledby="week-chart" className="mb-6 min-w-0 rounded-lg border border-zinc-200 bg-white p-4">
          <h2 id="week-chart" className="mb-2 text-sm text-zinc-600">
            Requests per day by outcome (
            <Link href={`${base}/usage?range=7d`} className="text-indigo-700 underline">
              details
            </Link>
            )
          </h2>
          <UsageChart points={o.weekPoints.map((p) => ({ ...p, time: p.time.toISOString() }))} granularity="day" quota={null} />
        </section>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title={`Expiring within ${o.soonDays} days`} empty="No key expires soon.">
          {o.expiring.map((k) => (
            <li key={k.id} className="flex justify-between gap-2">
              <Link href={`${base}/keys/${k.id}`} className="truncate text-indigo-700 underline">
                {k.name}
              </Link>
              <RelativeTime value={k.expiresAt} />
            </li>
          ))}
        </Panel>
        <Panel title={`Never used (${o.neverUsedCount})`} empty="Every key has been used.">
          {o.neverUsed.map((k) => (
            <li key={k.id} className="flex justify-between gap-2">
              <Link href={`${base}/keys/${k.id}`} className="truncate text-indigo-700 underline">
                {k.name}
              </Link>
              <span className="text-zinc-600">
                created <RelativeTime value={k.createdAt} />
              </span>
            </li>
          ))}
        </Panel>
        <Panel title="Recent changes" empty="Nothing yet." more={{ href: `${base}/audit`, label: "Audit log" }}>
          {o.recentEvents.map((e) => (
            <li key={e.id}>
              <p>{describeAuditEvent(e)}</p>
              <p className="text-xs text-zinc-600">
                <RelativeTime value={e.createdAt} />
              </p>
            </li>
          ))}
        </Panel>
      </div>
    </>
  );
}

function Step({ done, children }: { done: boolean; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2">
      <span aria-hidden className={done ? "text-emerald-700" : "text-zinc-400"}>
        {done ? "✓" : "○"}
      </span>
      <span>
        <span className="sr-only">{done ? "Done: " : "To do: "}</span>
        {children}
      </span>
    </li>
  );
}

function Traffic({ title, totals }: { title: string; totals: Record<string, number> & { requests: number } }) {
  return (
    <section aria-label={title} className="rounded-lg border border-zinc-200 bg-white p-4">
      <h2 className="text-sm text-zinc-600">{title}</h2>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{totals.requests.toLocaleString("en")} requests</p>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {OUTCOME_STYLES.map((s) => (
          <li key={s.key} className="tabular-nums">
            {s.label}: {totals[s.key].toLocaleString("en")}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Panel({ title, empty, more, children }: { title: string; empty: string; more?: { href: string; label: string }; children: React.ReactNode[] }) {
  return (
    <section className="min-w-0 rounded-lg border border-zinc-200 bg-white p-4 text-sm break-words">
      <h2 className="mb-2 font-medium">{title}</h2>
      {children.length ? <ul className="space-y-2">{children}</ul> : <p className="text-zinc-600">{empty}</p>}
      {more ? (
        <Link href={more.href} className="mt-3 inline-block text-indigo-700 underline">
          {more.label}
        </Link>
      ) : null}
    </section>
  );
}
