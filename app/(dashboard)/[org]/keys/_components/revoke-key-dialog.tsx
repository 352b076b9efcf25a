"use client";

import { useState } from "react";
import { revokeKeyAction } from "@/app/(dashboard)/[org]/keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";

export function RevokeKeyDialog({ org, keyId, name, hint }: { org: string; keyId: string; name: string; hint: string }) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useFormAction(revokeKeyAction, (s) => s.status === "success" && setOpen(false));
  return (
    <>
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs text-red-700"
        onClick={() => setOpen(true)}
        aria-label={`Revoke ${name}`}
      >
        Revoke
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Revoke "${name}"?`}>
        <form onSubmit={onSubmit} className="space-y-4">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="keyId" value={keyId} />
          <p className="text-sm text-zinc-700">
            <code>{hint}</code> stops working immediately, everywhere. This cannot be undone.
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
