import { redirect } from "next/navigation";
import { CreateOrganizationForm } from "./_components/create-organization-form";
import { enabledProfiles } from "@/lib/profiles/enabled";
import { AcceptInvitationButton } from "@/app/invite/accept-button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";
import { getPendingInvitationsForEmail } from "@/lib/team/invitations";

export const metadata = { title: "Welcome" };

// Home: the first organization's keys; staff without one, the console; anyone else (a user
// made with the CLI, or removed from their last organization) gets this page, never a loop.
export default async function Home() {
  const user = await requireUser();
  const orgs = await getOrganizationsOfUser(user.id);
  if (orgs.length > 0) redirect(`/${orgs[0].slug}/keys`);
  if (user.staffRole) redirect("/support");
  const invitations = await getPendingInvitationsForEmail(user.email);
  return (
    <>
      <PageHeader title="You are not in an organization" description="Join one you were invited to, or create your own." />
      {invitations.length ? (
        <section aria-labelledby="invitations" className="mb-6 rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="invitations" className="mb-3 font-medium">
            Invitations for {user.email}
          </h2>
          <ul className="divide-y divide-zinc-100">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <span>
                  <strong>{i.organization.name}</strong> as {ROLE_LABELS[i.role]}{" "}
                  <span className="text-zinc-600">(valid until {formatDate(i.expiresAt)})</span>
                </span>
                <AcceptInvitationButton invitationId={i.id} label={`Join ${i.organization.name}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="mb-6 text-sm text-zinc-700">No invitation is waiting for {user.email}.</p>
      )}
      <section aria-labelledby="create" className="max-w-md rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="create" className="mb-3 font-medium">
          Create an organization
        </h2>
        <CreateOrganizationForm profiles={enabledProfiles().map((p) => p.id)} />
      </section>
    </>
  );
}
