import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";

export const metadata = { title: "API keys" };

export default async function KeysPage({ params }: { params: Promise<{ org: string }> }) {
  await requireMember((await params).org);
  return (
    <>
      <PageHeader title="API keys" description="Keys your services present to the API." />
      <EmptyState title="No keys yet" />
    </>
  );
}
