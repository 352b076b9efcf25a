import Link from "next/link";
import { IdentityDialog } from "./_components/identity-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireMember } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { listIdentities } from "@/lib/identities/service";
import { describeLimit } from "@/lib/ratelimit/named-limits";

export const metadata = { title: "Customers" };

export default async function IdentitiesPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, role } = await requireMember((await params).org);
  const manages = hasRole(role, "ADMIN");
  const identities = await listIdentities(organization.id);
  const org = organization.slug;
  return (
    <>
      <PageHeader
        title="Customers"
        description="Your end customers (identities), each with their keys. Limits and credits set here are shared by all of a customer's keys."
        actions={manages ? <IdentityDialog org={org} /> : null}
      />
      {identities.length === 0 ? (
        <EmptyState title="No customers yet">
          Give a key a customer id (in its dialog, under &quot;Customer and named limits&quot;, or <code>externalId</code> over the API) and the customer
          appears here{manages ? ", or add one first" : ""}.
        </EmptyState>
      ) : (
        <SimpleTable
          label="Customers"
          head={["Customer", "Active keys", "Shared limits", "Shared credits", "Added", ...(manages ? [""] : [])]}
          rows={identities.map((i) => [
            <Link key="n" id={i.externalId} href={`/${org}/keys?identity=${encodeURIComponent(i.externalId)}`} className="text-indigo-700 underline">
              {i.externalId}
            </Link>,
            i.activeKeys,
            i.limits.length ? i.limits.map(describeLimit).join("; ") : "None",
            i.credits === null
              ? "Unlimited"
              : `${i.credits.toLocaleString("en-US")} left${i.creditRefill ? `, refilled to ${i.creditRefill.amount.toLocaleString("en-US")} every ${i.creditRefill.interval === "daily" ? "day" : "month"}` : ""}`,
            formatDate(i.createdAt),
            ...(manages
              ? [
                  <div key="a" className="flex justify-end">
                    <IdentityDialog org={org} identity={i} />
                  </div>,
                ]
              : []),
          ])}
        />
      )}
    </>
  );
}
