import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/signin-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/http/safe-redirect";
import { mailEnabled } from "@/lib/mail";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "This email already has an account. Sign in with your password.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <AuthCard title="Sign in">
      <SignInForm callbackUrl={callbackUrl} initialError={error} initialEmail={params.email?.slice(0, 254)} />
      {mailEnabled() ? (
        <p className="mt-3 text-sm">
          <Link href="/forgot-password" className="text-indigo-700 underline">
            Forgot your password?
          </Link>
        </p>
      ) : null}
      <OAuthButtons providers={enabledOAuthProviders()} callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-zinc-600">
        New here?{" "}
        <Link href="/signup" className="text-indigo-700 underline">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
