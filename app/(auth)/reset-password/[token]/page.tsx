import Link from "next/link";
import { ResetPasswordForm } from "./reset-password-form";
import { AuthCard } from "@/components/auth/auth-card";
import { isResetTokenUsable } from "@/lib/auth/password-reset";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = await isResetTokenUsable(token);
  return (
    <AuthCard title="Choose a new password">
      {usable ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className="text-sm text-zinc-700">
          This link expired or was already used.{" "}
          <Link href="/forgot-password" className="text-indigo-700 underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </AuthCard>
  );
}
