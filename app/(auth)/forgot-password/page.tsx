import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";
import { AuthCard } from "@/components/auth/auth-card";
import { mailEnabled } from "@/lib/mail";

export const metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?">
      {mailEnabled() ? (
        <ForgotPasswordForm />
      ) : (
        <p className="text-sm text-zinc-700">This Keyhouse cannot send email. Ask an administrator to unlock your account or set a new password.</p>
      )}
      <p className="mt-6 text-sm text-zinc-600">
        <Link href="/signin" className="text-indigo-700 underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
