import Link from "next/link";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE } from "@/lib/ui/theme";
import { Nav } from "./nav";
import { SidebarFrame } from "./sidebar-frame";
import { ThemeToggle } from "./theme-toggle";
import { OrgSwitcher } from "./org-switcher";
import { SignOutButton } from "./sign-out-button";

interface AppShellProps {
  user: { email: string; staffRole: string | null };
  org?: { slug: string; orgs: { slug: string; name: string }[] };
  children: React.ReactNode;
}

export async function AppShell({ user, org, children }: AppShellProps) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const items = org
    ? [
        { href: `/${org.slug}`, label: "Overview", exact: true },
        ...["keys", "identities", "usage", "projects", "audit", "members", "settings"].map((section) => ({
          href: `/${org.slug}/${section}`,
          label: {
            keys: "Keys",
            identities: "Customers",
            usage: "Usage",
            projects: "Projects",
            audit: "Audit log",
            members: "Members",
            settings: "Settings",
          }[section]!,
        })),
      ]
    : [];
  if (user.staffRole) items.push({ href: "/support", label: "Support" });
  return (
    <SidebarFrame
      sidebar={
        <>
          <p className="hidden px-3 font-semibold text-indigo-700 md:block">Keyhouse</p>
          {org ? <OrgSwitcher current={org.slug} orgs={org.orgs} /> : null}
          <Nav items={items} />
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- served by Fastify (Swagger UI), not a Next.js page */}
          <a href="/api/v1/docs/" className="rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-100">
            API reference
          </a>
          <div className="mt-auto space-y-1 px-3">
            <Link href="/account" className="block truncate text-xs text-zinc-600 underline" title={`Your account: ${user.email}`}>
              {user.email}
            </Link>
            <SignOutButton />
            <ThemeToggle initial={theme} />
          </div>
        </>
      }
    >
      {children}
    </SidebarFrame>
  );
}
