import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, role } = await requireMember((await params).org);
  const rows: [string, string][] = [
    ["Name", organization.name],
    ["Slug", organization.slug],
    ["Plan", organization.plan],
    ["Your role", ROLE_LABELS[role]],
    ["Status", organization.suspendedAt ? `Suspended since ${organization.suspendedAt.toISOString()}` : "Active"],
  ];
  return (
    <>
      <PageHeader title="Settings" description="Your organization." />
      <dl className="grid max-w-xl grid-cols-[10rem_1fr] gap-y-2 rounded-lg border border-zinc-200 bg-white p-6 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-600">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
