import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, and when." />
      <EmptyState title="No events yet" />
    </>
  );
}
