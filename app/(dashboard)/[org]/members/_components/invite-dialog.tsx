"use client";

import { useState } from "react";
import { inviteAction, type InvitationState } from "../actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";

export function InviteDialog({ org, roles }: { org: string; roles: { value: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const [invited, setInvited] = useState<InvitationState | null>(null);
  const { state, pending, onSubmit } = useFormAction<InvitationState>(
    inviteAction,
    (s) => s.status === "success" && s.data && setInvited(s.data),
  );
  const close = () => {
    setOpen(false);
    setInvited(null);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>Invite member</Button>
      <Dialog open={open} onClose={close} title="Invite a member">
        {invited ? (
          <div className="space-y-4 text-sm">
            <p>
              {invited.emailed
                ? "The invitation was emailed. You can also send this link yourself:"
                : "Send this link to the person you invited. It works once, for their email address, for 7 days."}
            </p>
            <div className="flex items-center gap-2">
              <code aria-label="Invitation link" className="min-w-0 flex-1 break-all rounded-md bg-zinc-100 px-3 py-2 text-xs">
                {invited.link}
              </code>
              <CopyButton text={invited.link} label="Copy the invitation link" />
            </div>
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
            <input type="hidden" name="org" value={org} />
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              maxLength={254}
              errors={state.fieldErrors?.email}
              required
            />
            <SelectField label="Role" name="role" defaultValue="MEMBER" options={roles} errors={state.fieldErrors?.role} />
            <FormMessage
              status={state.status}
              message={state.status === "error" && !state.fieldErrors ? state.message : undefined}
            />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Inviting…" : "Send invitation"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
