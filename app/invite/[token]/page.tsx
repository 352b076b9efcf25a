import Link from "next/link";
import { AcceptInvitationButton } from "../accept-button";
import { AuthCard } from "@/components/auth/auth-card";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { findInvitation } from "@/lib/team/invitations";

export const metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(token), getCurrentUser()]);
  if (!invitation) {
    return (
      <AuthCard title="This invitation cannot be used">
        <p className="text-sm text-zinc-700">
          It expired, was revoked, or was already used. Ask the person who invited you for a new one.
        </p>
        <Link href="/" className="mt-6 inline-block text-sm text-indigo-700 underline">
          Go to Keyhouse
        </Link>
      </AuthCard>
    );
  }
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <AuthCard title={`Join ${invitation.organization.name}`}>
      <p className="mb-4 text-sm text-zinc-700">
        You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong>.{" "}
        {user && user.email !== invitation.email ? (
          "The invitation is for another address"
        ) : (
          <>
            The invitation is for <strong>{invitation.email}</strong>
          </>
        )}{" "}
        and is valid until {formatDate(invitation.expiresAt)}.
      </p>
      {!user ? (
        <div className="space-y-3">
          <Link
            href={`/signin?email=${encodeURIComponent(invitation.email)}&callbackUrl=${encodeURIComponent(here)}`}
            className="block w-full rounded-md bg-indigo-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-700"
          >
            Sign in to accept
          </Link>
          <Link
            href={`/signup?invite=${encodeURIComponent(token)}`}
            className="block text-center text-sm text-indigo-700 underline"
          >
            New to Keyhouse? Create an account
          </Link>
        </div>
      ) : user.email === invitation.email ? (
        <AcceptInvitationButton token={token} label={`Join ${invitation.organization.name}`} />
      ) : (
        <p role="alert" className="text-sm text-red-700">
          You are signed in as {user.email}, and this invitation is for another address. Sign out, then sign in with the
          address it was sent to.
        </p>
      )}
    </AuthCard>
  );
}
