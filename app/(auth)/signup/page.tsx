import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "./_components/signup-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findInvitation } from "@/lib/team/invitations";
import { enabledProfiles } from "@/lib/profiles/enabled";

export const metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { invite } = await searchParams;
  const invitation = typeof invite === "string" ? await findInvitation(invite) : null;
  if (await getCurrentUser()) redirect(invitation ? `/invite/${invite}` : "/");
  return (
    <AuthCard title={invitation ? `Join ${invitation.organization.name}` : "Create an account"}>
      <SignUpForm
        profiles={enabledProfiles().map((p) => p.id)}
        invitation={invitation ? { token: invite as string, email: invitation.email, organization: invitation.organization.name } : undefined}
      />
      <p className="mt-6 text-sm text-zinc-600">
        Have an account?{" "}
        <Link href="/signin" className="text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
