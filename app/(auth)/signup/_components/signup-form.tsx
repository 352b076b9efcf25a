"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { signUpAction, type SignUpState } from "../actions";
import { acceptInvitationAction } from "@/app/invite/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { ProfileSelect } from "@/components/orgs/profile-select";
import type { ProfileId } from "@/lib/profiles/catalog";

/** `invitation`: signing up to accept one; the email is the invited one and no organization is made. */
export function SignUpForm({
  invitation,
  profiles,
}: {
  invitation?: { token: string; email: string; organization: string };
  /** The API profiles a new organization may choose from. */
  profiles: ProfileId[];
}) {
  const submitted = useRef<FormData | null>(null);
  const [state, action, pending] = useActionState<SignUpState, FormData>(signUpAction, { status: "idle" });
  const [signInFailed, setSignInFailed] = useState(false);

  // Submitting by hand keeps what was typed in the fields (a form action would reset them).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submitted.current = new FormData(event.currentTarget);
    startTransition(() => action(submitted.current!));
  }

  // A new account without email to confirm it: sign in with what was just typed, accept the
  // invitation if there is one, and open the organization.
  const signInNow = state.status === "success" && state.data?.signIn === true;
  useEffect(() => {
    if (!signInNow || !submitted.current) return;
    const form = submitted.current;
    void (async () => {
      const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
      if (!result || result.error) return setSignInFailed(true);
      let target = "/";
      if (invitation) {
        const join = new FormData();
        join.set("token", invitation.token);
        const joined = await acceptInvitationAction({ status: "idle" }, join);
        target = joined.status === "success" && joined.data ? `/${joined.data.slug}` : `/invite/${invitation.token}`;
      }
      // A full navigation: the new session cookie applies to everything.
      window.location.assign(target);
    })();
  }, [signInNow, invitation]);

  const email = state.data?.email ?? "";
  const signInHref = `/signin?email=${encodeURIComponent(email)}${invitation ? `&callbackUrl=${encodeURIComponent(`/invite/${invitation.token}`)}` : ""}`;
  if (signInNow && !signInFailed) {
    return <FormMessage status="success" message={invitation ? `Account created. Joining ${invitation.organization}…` : "Account created. Signing you in…"} />;
  }
  if (state.status === "success") {
    return (
      <div className="space-y-4">
        <FormMessage status="success" message={signInFailed ? "Your account is ready. Sign in to continue." : state.message} />
        <Link href={signInHref} className="block w-full rounded-md bg-indigo-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-700">
          Continue to sign in
        </Link>
      </div>
    );
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Your name" name="name" autoComplete="name" errors={errors.name} required />
      <Field label="Email" name="email" type="email" autoComplete="email" errors={errors.email} defaultValue={invitation?.email} readOnly={Boolean(invitation)} required />
      <NewPasswordField label="Password" name="password" hint="12 to 256 characters, hard to guess; common passwords are refused." errors={errors.password} />
      {invitation ? (
        <>
          <input type="hidden" name="joining" value="1" />
          <p className="text-sm text-zinc-700">
            You will join <strong>{invitation.organization}</strong> as soon as your account is created.
          </p>
        </>
      ) : (
        <>
          <Field label="Organization name" name="organizationName" errors={errors.organizationName} required />
          <ProfileSelect profiles={profiles} errors={errors.profile} />
        </>
      )}
      <FormMessage status={state.status} message={state.message} />
      {state.data?.taken ? (
        <p className="flex gap-4 text-sm">
          <Link href={signInHref} className="text-indigo-700 underline">
            Sign in
          </Link>
          <Link href="/forgot-password" className="text-indigo-700 underline">
            Reset your password
          </Link>
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
