"use client";

import { signIn } from "next-auth/react";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { signUpAction } from "@/app/(auth)/signup/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/auth/action";

export function SignUpForm() {
  const submitted = useRef<FormData | null>(null);
  const [state, action, pending] = useActionState<ActionState, FormData>(signUpAction, { status: "idle" });

  // Submitting by hand keeps what was typed in the fields (a form action would reset them).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submitted.current = new FormData(event.currentTarget);
    startTransition(() => action(submitted.current!));
  }

  // The account exists now: sign in with what was just typed, then go to the dashboard.
  useEffect(() => {
    const form = submitted.current;
    if (state.status !== "success" || !form) return;
    void signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    }).then((result) => {
      window.location.assign(result?.ok ? "/" : "/signin");
    });
  }, [state]);

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Your name" name="name" autoComplete="name" errors={errors.name} required />
      <Field label="Email" name="email" type="email" autoComplete="email" errors={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="12 to 256 characters; common passwords are refused."
        errors={errors.password}
        required
      />
      <Field label="Organization name" name="organizationName" errors={errors.organizationName} required />
      <FormMessage
        status={state.status}
        message={state.status === "success" ? "Account created. Signing you in…" : state.message}
      />
      <Button type="submit" className="w-full" disabled={pending || state.status === "success"}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
