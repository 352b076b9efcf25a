import { AppShell } from "@/components/shell/app-shell";
import { Nav } from "@/components/shell/nav";
import { requireStaff } from "@/lib/auth/current-user";

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  // Chrome only: each page checks staff itself (layouts are not a security boundary).
  const user = await requireStaff();
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
