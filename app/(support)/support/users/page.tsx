import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireStaff } from "@/lib/auth/current-user";
import { findUsersByEmailPrefix } from "@/lib/support/users";

export const metadata = { title: "Users · Support" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff();
  const raw = (await searchParams).email;
  const email = typeof raw === "string" ? raw.slice(0, 254) : "";
  const users = email.trim() ? await findUsersByEmailPrefix(staff, email) : null;
  return (
    <>
      <PageHeader
        title="Users"
        description="Look a person up by email: organizations, sign-ins, sessions and sign-in throttling."
      />
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="min-w-0 flex-1 text-sm">
          <span className="mb-1 block font-medium text-zinc-800">Email (or its beginning)</span>
          <input
            type="search"
            name="email"
            defaultValue={email}
            maxLength={254}
            autoComplete="off"
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm"
          />
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Look up
        </button>
      </form>
      {users === null ? null : users.length === 0 ? (
        <EmptyState title="No user matches" />
      ) : (
        <SimpleTable
          label="Matching users"
          head={["Email", "Name", "Staff role"]}
          rows={users.map((u) => [
            <Link key="e" href={`/support/users/${u.id}`} className="text-indigo-700 underline">
              {u.email}
            </Link>,
            u.name ?? "—",
            u.staffRole ?? "—",
          ])}
        />
      )}
    </>
  );
}
