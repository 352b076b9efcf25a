import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getMembersForOrg } from "@/lib/orgs/queries";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMember((await params).org);
  const members = await getMembersForOrg(organization.id);
  return (
    <>
      <PageHeader title="Members" description="People in this organization and their roles." />
      <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Email</th>
            <th className="px-4 py-2 font-medium">Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-t border-zinc-100">
              <td className="px-4 py-2">{m.user.name ?? "—"}</td>
              <td className="px-4 py-2">{m.user.email}</td>
              <td className="px-4 py-2">{ROLE_LABELS[m.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
