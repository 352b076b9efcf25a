import { Button } from "@/components/ui/button";
import { CreateKeyDialog } from "./_components/create-key-dialog";
import { KeysTable } from "./_components/keys-table";
import { KeysToolbar } from "@/components/keys/keys-toolbar";
import { Pagination } from "@/components/keys/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PendingRegion } from "@/components/ui/pending-region";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { planLimits } from "@/lib/keys/plans";
import { getKeysForOrg, getProjectsForOrg, hasAnyKey, keysQuerySchema } from "@/lib/keys/queries";
import { getSparklinesForOrg } from "@/lib/usage/series";
import { customerIds } from "@/lib/identities/service";

export const metadata = { title: "API keys" };

export default async function KeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { organization, role, user } = await requireMember((await params).org);
  const raw = await searchParams;
  const query = keysQuerySchema.parse(raw);
  const [{ rows, total, page }, projects, customers] = await Promise.all([
    getKeysForOrg(organization.id, query),
    getProjectsForOrg(organization.id),
    customerIds(organization.id),
  ]);
  const sparklines = await getSparklinesForOrg(organization.id, rows.map((r) => r.id));
  const withSparklines = rows.map((r) => ({ ...r, sparkline: sparklines.get(r.id) ?? [] }));
  // The first-key state only for an organization without any key (the default view hides
  // revoked and expired ones, and a filter can match nothing).
  const showTable = total > 0 || Boolean(query.status || query.environment || query.scope || query.project || query.identity || query.q) || (await hasAnyKey(organization.id));
  const canCreate = hasRole(role, "MEMBER");

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys your services present to the API. A key is shown once, when it is created."
        actions={
          canCreate && organization.suspendedAt ? (
            <div className="text-right">
              <Button disabled aria-describedby="create-paused">
                Create key
              </Button>
              <p id="create-paused" className="mt-1 max-w-xs text-xs text-zinc-600">
                Paused while this account is suspended: its keys answer 403 ACCOUNT_SUSPENDED.
              </p>
            </div>
          ) : canCreate ? (
            <CreateKeyDialog
              org={organization.slug}
              role={role}
              planLimit={planLimits(organization.plan, organization.profile).perMinute}
              projects={projects.filter((p) => !p.archivedAt)}
              defaultScopes={organization.defaultScopes}
              policy={organization}
              profile={organization.profile}
              customers={customers}
              startOpen={raw.create === "1"}
            />
          ) : null
        }
      />
      {!showTable ? (
        <EmptyState title="No keys yet">
          {canCreate ? "Create a key to call the API." : "Your role can read keys but not create them."}
        </EmptyState>
      ) : (
        <PendingRegion>
          <KeysToolbar projects={projects} profile={organization.profile} customers={customers} />
          <KeysTable org={organization.slug} rows={withSparklines} sort={query.sort} dir={query.dir} viewer={{ id: user.id, role }} suspended={!!organization.suspendedAt} />
          <Pagination page={page} pageSize={query.pageSize} total={total} />
        </PendingRegion>
      )}
    </>
  );
}
