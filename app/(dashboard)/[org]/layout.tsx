import { AppShell } from "@/components/shell/app-shell";
import { requireMember } from "@/lib/auth/current-user";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, organization } = await requireMember(org);
  const orgs = await getOrganizationsOfUser(user.id);
  return (
    <AppShell user={user} org={{ slug: organization.slug, orgs }}>
      {organization.suspendedAt ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          This organization is suspended: its API keys are refused with 403. Contact support.
        </p>
      ) : null}
      {children}
    </AppShell>
  );
}
