import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/current-user";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";

// Pages of the signed-in person rather than of an organization: their account, invitations.
export default async function UserLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const orgs = await getOrganizationsOfUser(user.id);
  return (
    <AppShell user={user} org={orgs[0] ? { slug: orgs[0].slug, orgs } : undefined}>
      {children}
    </AppShell>
  );
}
