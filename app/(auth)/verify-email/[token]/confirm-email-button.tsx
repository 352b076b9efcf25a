"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/** One click confirms the address and signs in; then the person's first organization. */
export function ConfirmEmailButton({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  async function confirm() {
    setPending(true);
    const result = await signIn("email-link", { token, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Try again.");
      return;
    }
    // A full navigation: the new session cookie applies to everything.
    window.location.assign(new URL("/", window.location.href).href);
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700">Confirm this address and sign in to Keyhouse.</p>
      <FormMessage status="error" message={error} />
      <Button type="button" className="w-full" onClick={confirm} disabled={pending}>
        {pending ? "Signing in…" : "Confirm and sign in"}
      </Button>
    </div>
  );
}
