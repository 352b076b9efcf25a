import { notFound } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { Nav } from "@/components/shell/nav";
import { requireUser } from "@/lib/auth/current-user";

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (!user.staffRole) notFound();
  return (
    <AppShell user={user}>
      <div className="mb-4 flex items-center justify-between gap-2 border-b border-zinc-200 pb-2">
        <Nav
          label="Support"
          horizontal
          items={[
            { href: "/support", label: "Accounts", exact: true },
            { href: "/support/users", label: "Users" },
            { href: "/support/audit", label: "Staff audit" },
          ]}
        />
        <span className="text-xs text-zinc-600">Signed in as {user.staffRole === "ADMIN" ? "staff admin" : "support"}</span>
      </div>
      {children}
    </AppShell>
  );
}
