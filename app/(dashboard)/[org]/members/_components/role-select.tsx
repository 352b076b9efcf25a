"use client";

import { changeRoleAction } from "../actions";
import { useFormAction } from "@/components/ui/use-form-action";

type Option = { value: string; label: string };

/** A member's role as a select that saves on change. */
export function RoleSelect({
  org,
  membershipId,
  role,
  roles,
  label,
  demotionWarning,
}: {
  org: string;
  membershipId: string;
  role: string;
  roles: Option[];
  label: string;
  /** Said before a change below admin when that also revokes the person's invitations. */
  demotionWarning: string | null;
}) {
  const { state, pending, submit } = useFormAction(changeRoleAction, undefined, { toastErrors: true });
  return (
    <div>
      <select
        aria-label={label}
        defaultValue={role}
        disabled={pending}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (demotionWarning && next !== "OWNER" && next !== "ADMIN" && !window.confirm(`${demotionWarning} Change the role?`)) {
            e.currentTarget.value = role;
            return;
          }
          const form = new FormData();
          form.set("org", org);
          form.set("membershipId", membershipId);
          form.set("role", next);
          submit(form);
        }}
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {state.status === "error" ? <span className="sr-only">{state.message}</span> : null}
    </div>
  );
}
