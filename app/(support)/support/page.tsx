import { notFound } from "next/navigation";
import { RootKeys } from "./_components/root-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/current-user";
import { getRootKeys } from "@/lib/keys/root";

export const metadata = { title: "Support" };

export default async function SupportPage() {
  const user = await requireUser();
  if (!user.staffRole) notFound();
  return (
    <>
      <PageHeader title="Support console" description="Find an account, investigate it, suspend or reinstate it." />
      <EmptyState title="Account search is not available yet">
        Suspend and reinstate with `npm run keyhouse -- orgs suspend SLUG --reason R`.
      </EmptyState>
      {user.staffRole === "ADMIN" ? <RootKeys keys={await getRootKeys()} /> : null}
    </>
  );
}
