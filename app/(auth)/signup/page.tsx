import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "./_components/signup-form";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <AuthCard title="Create an account">
      <SignUpForm />
      <p className="mt-6 text-sm text-zinc-600">
        Have an account?{" "}
        <Link href="/signin" className="text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
