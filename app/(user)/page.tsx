import { redirect } from "next/navigation";
import { CreateOrganizationForm } from "./_components/create-organization-form";
import { enabledProfiles } from "@/lib/profiles/enabled";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getOrganizationsOfUser } from "@/lib/orgs/queries";

export const metadata = { title: "Welcome" };

// Home: the first organization's overview; staff without one, the console; anyone else (a user
// made with the CLI, or removed from their last organization) gets this page, never a loop.
export default async function Home() {
  const user = await requireUser();
  const orgs = await getOrganizationsOfUser(user.id);
  if (orgs.length > 0) redirect(`/${orgs[0].slug}`);
  if (user.staffRole) redirect("/support");
  return (
    <>
      <PageHeader title="You are not in an organization" description="Join one you were invited to, or create your own." />
      <p className="mb-6 text-sm text-zinc-700">
        Invited to an organization? Open the link in your invitation (it is valid for 7 days), or ask the person who invited
        you to send it again.
      </p>
      <section aria-labelledby="create" className="max-w-md rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="create" className="mb-3 font-medium">
          Create an organization
        </h2>
        <CreateOrganizationForm profiles={enabledProfiles().map((p) => p.id)} />
      </section>
    </>
  );
}
