import Link from "next/link";
import { AccountSearch } from "./_components/account-search";
import { RootKeys } from "./_components/root-keys";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/current-user";
import { getRootKeys } from "@/lib/keys/root";
import { isWholeKey, SEARCH_MAX_LENGTH, searchAccounts } from "@/lib/support/search";
import { formatDate } from "@/lib/format";

export const metadata = { title: "Support" };

export default async function SupportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw : "";
  const result = q.trim() ? await searchAccounts(user, q) : null;
  return (
    <>
      <PageHeader title="Support console" description="Find an account, investigate it, suspend or reinstate it." />
      <AccountSearch q={isWholeKey(q) ? "" : q} maxLength={SEARCH_MAX_LENGTH} />
      {result?.notice ? <FormMessage status="error" message={result.notice} /> : null}
      {result && !result.notice ? (
        result.hits.length === 0 ? (
          <EmptyState title="No account matches">
            The box takes an organization&apos;s name or slug or a member&apos;s email (by their beginning), a key&apos;s hint as
            shown in the dashboard or its beginning (<code>mos_live_j3pI</code>, <code>mos_live_j3pI...3sES</code>), a key
            or organization id, or a whole pasted key.
          </EmptyState>
        ) : (
          <div
            tabIndex={0}
            role="region"
            aria-label="Matching accounts"
            className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white"
          >
            <table className="w-full text-sm">
              <thead className="bg-zinc-50 text-left text-zinc-600">
                <tr>
                  {["Organization", "Plan", "Status", "Matched"].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.hits.map((hit) => (
                  <tr key={hit.id} className="border-t border-zinc-100">
                    <td className="px-3 py-2">
                      <Link href={`/support/orgs/${hit.id}`} className="font-medium text-indigo-700 underline">
                        {hit.name}
                      </Link>{" "}
                      <span className="text-xs text-zinc-600">{hit.slug}</span>
                    </td>
                    <td className="px-3 py-2">{hit.plan}</td>
                    <td className="px-3 py-2">
                      {hit.suspendedAt ? (
                        <span className="text-red-700">Suspended since {formatDate(hit.suspendedAt)}</span>
                      ) : (
                        "Active"
                      )}
                    </td>
                    <td className="px-3 py-2 text-xs text-zinc-700">{hit.matched}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {user.staffRole === "ADMIN" ? <RootKeys keys={await getRootKeys(user)} /> : null}
    </>
  );
}
