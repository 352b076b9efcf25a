"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { revokeKeyAction } from "@/app/(dashboard)/[org]/keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/auth/action";

interface Props {
  org: string;
  keyId: string;
  name: string;
  hint: string;
  /** Opened from elsewhere (a row's menu): no button of its own. */
  opened?: { open: boolean; onClose: () => void };
}

export function RevokeKeyDialog({ org, keyId, name, hint, opened }: Props) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = opened ? opened.open : ownOpen;
  const setOpen = (next: boolean) => (opened && !next ? opened.onClose() : setOwnOpen(next));
  const [state, setState] = useState<ActionState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  // Awaited here rather than through useActionState: the revoked key's row (and this dialog)
  // leaves the default view with the same answer, and the toast must still be shown.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await revokeKeyAction({ status: "idle" }, form);
      setState(result);
      if (result.status !== "success") return;
      toast.success(result.message ?? "Key revoked.");
      setOpen(false);
    });
  }
  return (
    <>
      {opened ? null : (
        <Button variant="secondary" className="text-red-700" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={`Revoke "${name}"?`}>
        <form onSubmit={onSubmit} className="space-y-4">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="keyId" value={keyId} />
          <p className="text-sm text-zinc-700">
            The key <strong>{name}</strong> (<code className="break-all">{hint}</code>) stops working immediately, on every
            instance: every request that presents it gets 401 KEY_REVOKED. This cannot be undone; rotate instead if its
            users need time to switch.
          </p>
          <Field label="Reason (optional)" name="reason" maxLength={500} errors={state.fieldErrors?.reason} />
          <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
