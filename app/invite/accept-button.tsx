"use client";

import { useRouter } from "next/navigation";
import { acceptInvitationAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

/** Accepts an invitation, then opens the organization with a full page load (fresh layout). */
export function AcceptInvitationButton({
  token,
  label = "Join",
}: {
  token: string;
  label?: string;
}) {
  const router = useRouter();
  const { state, pending, onSubmit } = useFormAction<{ slug: string }>(acceptInvitationAction, (s) => {
    if (s.status === "success" && s.data) router.push(`/${s.data.slug}`);
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : label}
      </Button>
      {state.status === "error" ? <FormMessage status="error" message={state.message} /> : null}
    </form>
  );
}
