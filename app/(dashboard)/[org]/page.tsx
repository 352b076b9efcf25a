import Link from "next/link";
import { ExampleRequest } from "@/components/keys/example-request";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { OUTCOME_STYLES } from "@/components/usage/outcomes";
import { UsageChart } from "@/components/usage/usage-chart";
import { AutoRefresh } from "@/components/usage/live-refresh";
import { requireMember } from "@/lib/auth/current-user";
import { describeAuditEvent } from "@/lib/audit/describe";
import { getOverviewForOrg } from "@/lib/orgs/overview";

export const metadata = { title: "Overview" };

export default async function OrgOverview({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMember((await params).org);
  const o = await getOverviewForOrg(organization.id);
  const base = `/${organization.slug}`;
  const { keyCreated, requestMade, requestCounted } = o.checklist;
  const started = keyCreated && requestMade && requestCounted;
  // A new organization keeps its finished guide for its first day, so the last tick is seen.
  const showGuide = !started || o.organizationAgeMs < 86_400_000;
  return (
    <>
      <PageHeader title={organization.name} description="Traffic, keys that need attention, and what changed lately." />
      {showGuide ? (
        <section aria-labelledby="first-steps" className="mb-6 rounded-lg border border-indigo-200 bg-white p-5">
          <h2 id="first-steps" className="mb-1 font-medium">
            {started ? "All set: your first request arrived" : "Get started in three steps"}
          </h2>
          {/* Until the first request is counted the page looks again every few seconds: step 3 ticks itself. */}
          {!started ? <AutoRefresh everyMs={3000} /> : null}
          <ol className="mt-3 space-y-4 text-sm">
            <Step n={1} done={keyCreated} title="Create a key">
              {keyCreated ? (
                "Done. Its full value was shown once, when you created it."
              ) : (
                <Link href={`${base}/keys?create=1`} className="text-indigo-700 underline">
                  Create your first key
                </Link>
              )}
            </Step>
            <Step n={2} done={requestMade} title="Send the first request">
              {requestMade ? (
                "Done: Keyhouse has checked one of your keys."
              ) : (
                <>
                  <p className="mb-2 text-zinc-700">
                    From your terminal or code, with your key in place of <code>{o.neverUsed[0]?.hint ?? "YOUR_KEY"}</code>:
                  </p>
                  <ExampleRequest credential={o.neverUsed[0]?.hint ?? "YOUR_KEY"} profile={organization.profile} />
                </>
              )}
            </Step>
            <Step n={3} done={requestCounted} title="See it arrive">
              {requestCounted ? (
                <>
                  Counted.{" "}
                  <Link href={`${base}/usage`} className="text-indigo-700 underline">
                    See usage
                  </Link>
                </>
              ) : (
                "This ticks itself within seconds of your first request; no need to reload."
              )}
            </Step>
          </ol>
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
        <Panel title={`Never used (${o.neverUsedCount})`} empty={o.checklist.keyCreated ? "Every key has been used." : "No keys yet."}>
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

function Step({ n, done, title, children }: { n: number; done: boolean; title: string; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-3">
      <span
        aria-hidden
        className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? "bg-emerald-700 text-white" : "border border-zinc-300 text-zinc-700"}`}
      >
        {done ? "✓" : n}
      </span>
      <div className="min-w-0 flex-1">
        <h3 className="font-medium">
          {title}
          <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
        </h3>
        <div className="text-zinc-700">{children}</div>
      </div>
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
