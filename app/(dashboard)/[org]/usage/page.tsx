import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";

export const metadata = { title: "Usage" };

export default async function UsagePage({ params }: { params: Promise<{ org: string }> }) {
  await requireMember((await params).org);
  return (
    <>
      <PageHeader title="Usage" description="Requests per key, by outcome." />
      <EmptyState title="No usage yet">Requests made with your keys appear here within a second or so.</EmptyState>
    </>
  );
}
