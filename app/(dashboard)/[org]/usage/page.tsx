import Link from "next/link";
import { LiveRefresh } from "@/components/usage/live-refresh";
import { OUTCOME_STYLES } from "@/components/usage/outcomes";
import { UsageChart } from "@/components/usage/usage-chart";
import { UsageControls } from "@/components/usage/usage-controls";
import { UsageTable } from "@/components/usage/usage-table";
import { ExampleRequest } from "@/components/keys/example-request";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors";
import { planLimits } from "@/lib/keys/plans";
import { getKeyChoicesForOrg, getProjectsForOrg } from "@/lib/keys/queries";
import { resolveRange, usageQuerySchema, usageQueryString } from "@/lib/usage/page-query";
import { getTodayRequestsForOrg, getTopKeysForOrg, getUsageSeriesForOrg, totalsOf } from "@/lib/usage/series";

export const metadata = { title: "Usage" };

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization } = await requireMember((await params).org);
  const query = usageQuerySchema.parse(await searchParams);
  const range = resolveRange(query);
  const filter = { ...range, keyId: query.key, environment: query.environment, projectId: query.project };
  const quota = planLimits(organization.plan, organization.profile).perDay;
  const [keys, projects, today] = await Promise.all([
    getKeyChoicesForOrg(organization.id),
    getProjectsForOrg(organization.id),
    getTodayRequestsForOrg(organization.id),
  ]);
  let problem: string | null = null;
  let series: Awaited<ReturnType<typeof getUsageSeriesForOrg>> | null = null;
  let top: Awaited<ReturnType<typeof getTopKeysForOrg>> = [];
  try {
    [series, top] = await Promise.all([getUsageSeriesForOrg(organization.id, filter), getTopKeysForOrg(organization.id, filter)]);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    problem = err.code === "NOT_FOUND" ? "That key does not exist in this organization." : err.message;
  }
  const points = series?.points.map((p) => ({ ...p, time: p.time.toISOString() })) ?? [];
  const totals = totalsOf(series?.points ?? []);
  const base = `/${organization.slug}`;
  const exampleHint = keys.find((k) => k.revokedAt === null)?.hint;

  return (
    <>
      <PageHeader
        title="Usage"
        description="Requests made with this organization's keys, by outcome."
        actions={
          <div className="flex gap-2">
            <LiveRefresh />
            <a
              href={`${base}/usage/export?${usageQueryString(query)}`}
              className="inline-flex items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-100"
            >
              Download CSV
            </a>
          </div>
        }
      />
      <UsageControls keys={keys.map(({ id, name }) => ({ id, name }))} projects={projects} />
      {problem ? (
        <FormMessage status="error" message={problem} />
      ) : (
        <>
          <dl className="mb-4 grid gap-3 sm:grid-cols-4">
            <Stat label="Requests" value={totals.requests.toLocaleString("en")} />
            <Stat label="Error rate" value={`${(totals.errorRate * 100).toFixed(1)}%`} />
            <Stat label="OK" value={totals.ok.toLocaleString("en")} />
            <div className="rounded-lg border border-zinc-200 bg-white p-3">
              <dt className="text-xs text-zinc-600">Today (UTC) against the daily quota</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums">
                {today.toLocaleString("en")} {quota ? `of ${quota.toLocaleString("en")}` : "(no daily quota)"}
                {quota ? (
                  <meter className="mt-1 block w-full" min={0} max={quota} high={quota * 0.8} value={today} aria-label="Share of the daily quota used today" />
                ) : null}
              </dd>
            </div>
          </dl>
          {totals.requests === 0 ? (
            <EmptyState title="No requests in this range">
              {exampleHint ? (
                <>
                  <p className="mb-3">Calls made with your keys appear here within a few seconds. Try one, with your stored key in place of its hint:</p>
                  <ExampleRequest credential={exampleHint} profile={organization.profile} />
                </>
              ) : (
                <p>
                  Calls made with your keys appear here within a few seconds.{" "}
                  <Link href={`${base}/keys`} className="text-indigo-700 underline">
                    Create a key
                  </Link>{" "}
                  to start.
                </p>
              )}
            </EmptyState>
          ) : (
            <>
              <section aria-labelledby="chart" className="mb-4 rounded-lg border border-zinc-200 bg-white p-4">
                <h2 id="chart" className="mb-2 font-medium">
                  Requests per {series!.granularity}
                </h2>
                <UsageChart points={points} granularity={series!.granularity} quota={series!.granularity === "day" ? quota : null} />
              </section>
              <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
                <section aria-labelledby="numbers" className="min-w-0">
                  <h2 id="numbers" className="mb-2 font-medium">
                    Numbers
                  </h2>
                  <UsageTable points={points} caption={`Requests per ${series!.granularity} by outcome`} />
                </section>
                <section aria-labelledby="top-keys" className="min-w-0">
                  <h2 id="top-keys" className="mb-2 font-medium">
                    Top keys
                  </h2>
                  <ol className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white text-sm">
                    {top.map((k) => (
                      <li key={k.keyId} className="flex items-center justify-between gap-2 px-3 py-2">
                        <Link href={`${base}/keys/${k.keyId}`} className="truncate text-indigo-700 hover:underline">
                          {k.name} <code className="text-xs text-zinc-600">{k.hint}</code>
                        </Link>
                        <span className="whitespace-nowrap tabular-nums">
                          {k.requests.toLocaleString("en")} <span className="text-xs text-zinc-600">({k.errors} errors)</span>
                        </span>
                      </li>
                    ))}
                  </ol>
                </section>
              </div>
            </>
          )}
          <p className="mt-3 text-xs text-zinc-600">
            Outcomes: {OUTCOME_STYLES.map((o) => o.label).join(", ")}. Minute detail is kept for 48 hours, hourly for 35 days.
          </p>
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-3">
      <dt className="text-xs text-zinc-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
