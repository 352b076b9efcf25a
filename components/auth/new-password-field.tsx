"use client";

import { useState } from "react";
import { PasswordField } from "@/components/ui/password-field";
import { PasswordMeter } from "./password-meter";

/** A new password: the Show toggle and the strength meter the server's rule is based on. */
export function NewPasswordField({ label, name, hint, errors }: { label: string; name: string; hint: string; errors?: string[] }) {
  const [password, setPassword] = useState("");
  return (
    <>
      <PasswordField
        label={label}
        name={name}
        autoComplete="new-password"
        hint={hint}
        errors={errors}
        onChange={(e) => setPassword(e.currentTarget.value)}
        minLength={12}
        required
      />
      <PasswordMeter password={password} />
    </>
  );
}
