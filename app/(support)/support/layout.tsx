import { notFound } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/current-user";

export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (!user.staffRole) notFound();
  return <AppShell user={user}>{children}</AppShell>;
}
