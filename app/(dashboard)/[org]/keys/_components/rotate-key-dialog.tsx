"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { rotateKeyAction, type IssuedKeyState } from "@/app/(dashboard)/[org]/keys/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { GRACE_CHOICES } from "@/lib/keys/constants";
import { IssuedKey } from "@/components/keys/issued-key";

interface Props {
  org: string;
  keyId: string;
  name: string;
  hint: string;
  canRotate: boolean;
  /** On the old key's page: once the new key is stored, go to the new key's page. */
  openSuccessor?: boolean;
  /** Opened from elsewhere (a row's menu): no button of its own. */
  opened?: { open: boolean; onClose: () => void };
}

export function RotateKeyDialog({ org, keyId, name, hint, canRotate, openSuccessor = false, opened }: Props) {
  const router = useRouter();
  const [ownOpen, setOpen] = useState(false);
  const open = opened ? opened.open : ownOpen;
  const [issued, setIssued] = useState<IssuedKeyState | null>(null);
  // Escape on the reveal asks "Have you stored this key?" instead of closing.
  const [asking, setAsking] = useState(false);
  const { state, pending, onSubmit } = useFormAction<IssuedKeyState>(rotateKeyAction, (s) => s.data && setIssued(s.data));
  const close = () => {
    const successor = issued?.id;
    setOpen(false);
    opened?.onClose();
    setIssued(null);
    setAsking(false);
    if (openSuccessor && successor) router.push(`/${org}/keys/${successor}`);
  };
  return (
    <>
      {canRotate && !opened ? (
        <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Rotate ${name}`}>
          Rotate
        </Button>
      ) : null}
      <Dialog open={open} onClose={close} onEscape={issued ? () => setAsking(true) : undefined} title={issued ? `New key for "${issued.name}"` : `Rotate "${name}"`}>
        {issued ? (
          <IssuedKey rawKey={issued.rawKey} onDone={close} asking={asking} onKeepOpen={() => setAsking(false)} />
        ) : (
          <form onSubmit={onSubmit} className="space-y-4">
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="keyId" value={keyId} />
            <p className="text-sm text-zinc-700">
              A new key with the same settings replaces <code>{hint}</code>. Keep the old one working while you deploy the new
              one:
            </p>
            <SelectField label="Grace period" name="gracePeriodSeconds" defaultValue="3600" options={GRACE_CHOICES} />
            <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Rotating…" : "Rotate key"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
