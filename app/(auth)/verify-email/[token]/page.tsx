import Link from "next/link";
import { ConfirmEmailButton } from "./confirm-email-button";
import { AuthCard } from "@/components/auth/auth-card";
import { isSignInLinkUsable } from "@/lib/auth/email-link";

export const metadata = { title: "Confirm your email" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = await isSignInLinkUsable(token);
  return (
    <AuthCard title="Confirm your email">
      {usable ? (
        <ConfirmEmailButton token={token} />
      ) : (
        <p className="text-sm text-zinc-700">
          This link expired or was already used. Your account is ready all the same:{" "}
          <Link href="/signin" className="text-indigo-700 underline">
            sign in with your password
          </Link>
          .
        </p>
      )}
    </AuthCard>
  );
}
