"use client";

import Link from "next/link";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import { signUpAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { ProfileSelect } from "@/components/orgs/profile-select";
import type { ProfileId } from "@/lib/profiles/catalog";
import type { ActionState } from "@/lib/auth/action";

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
  const [state, action, pending] = useActionState<ActionState<{ email: string }>, FormData>(signUpAction, { status: "idle" });

  // Submitting by hand keeps what was typed in the fields (a form action would reset them).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submitted.current = new FormData(event.currentTarget);
    startTransition(() => action(submitted.current!));
  }

  // The same answer whether the email was free or taken (lib/auth/signup.ts): go sign in.
  if (state.status === "success") {
    const email = state.data?.email ?? "";
    return (
      <div className="space-y-4">
        <FormMessage status="success" message={state.message} />
        <Link
          href={`/signin?email=${encodeURIComponent(email)}${invitation ? `&callbackUrl=${encodeURIComponent(`/invite/${invitation.token}`)}` : ""}`}
          className="block w-full rounded-md bg-indigo-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-indigo-700"
        >
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
            You will join <strong>{invitation.organization}</strong> after signing in.
          </p>
        </>
      ) : (
        <>
          <Field label="Organization name" name="organizationName" errors={errors.organizationName} required />
          <ProfileSelect profiles={profiles} errors={errors.profile} />
        </>
      )}
      <FormMessage status={state.status} message={state.message} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
