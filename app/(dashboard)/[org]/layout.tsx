import Link from "next/link";
import { AppShell } from "@/components/shell/app-shell";
import { requireMember } from "@/lib/auth/current-user";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";
import { DEFAULT_SUSPENSION_MESSAGE } from "@/lib/orgs/suspension";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, organization, staffView } = await requireMember(org);
  // Staff viewing a customer belong to no organization: the switcher shows the one viewed.
  const orgs = staffView ? [{ slug: organization.slug, name: organization.name, role: "VIEWER" as const }] : await getOrganizationsOfUser(user.id);
  return (
    <AppShell user={user} org={{ slug: organization.slug, orgs }}>
      {staffView ? (
        <p role="status" className="mb-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
          Viewing as support, read-only: <strong>{organization.name}</strong>.{" "}
          <Link href={`/support/orgs/${organization.id}`} className="font-medium underline">
            Back to the support console
          </Link>
        </p>
      ) : null}
      {organization.suspendedAt ? (
        <div role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">This organization is suspended: its API keys are refused with 403, and no key can be created or rotated.</p>
          <p className="mt-1">{organization.suspendedMessage ?? DEFAULT_SUSPENSION_MESSAGE}</p>
        </div>
      ) : null}
      {children}
    </AppShell>
  );
}
