"use client";

import { useState } from "react";
import { createRootKeyAction, revokeRootKeyAction } from "../actions";
import { IssuedKey } from "@/components/keys/issued-key";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { formatDateTime } from "@/lib/format";

type Issued = { rawKey: string; name: string; hint: string };
interface RootKey {
  id: string;
  name: string;
  hint: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export function RootKeys({ keys }: { keys: RootKey[] }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [asking, setAsking] = useState(false);
  const done = () => {
    setIssued(null);
    setAsking(false);
  };
  const { state, pending, onSubmit } = useFormAction<Issued>(createRootKeyAction, (s) => s.data && setIssued(s.data));
  const revoke = useFormAction(revokeRootKeyAction, undefined, { toastErrors: true });
  return (
    <section aria-labelledby="root-keys" className="mt-8 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="root-keys" className="font-medium">
        Root keys
      </h2>
      <p className="mb-4 text-sm text-zinc-600">Owned by the deployment; a gateway uses one to call POST /api/v1/keys/verify.</p>
      <form onSubmit={onSubmit} className="mb-4 flex items-end gap-2">
        <Field label="New root key name" name="name" maxLength={64} errors={state.fieldErrors?.name} />
        <Button type="submit" disabled={pending}>
          Create root key
        </Button>
      </form>
      <FormMessage status={state.status} message={state.status === "error" ? state.message : undefined} />
      <ul className="divide-y divide-zinc-100 text-sm">
        {keys.map((k) => (
          <li key={k.id} className="flex items-center justify-between py-2">
            <span>
              <strong>{k.name}</strong> <code>{k.hint}</code>{" "}
              <span className="text-zinc-500">
                created {formatDateTime(k.createdAt)}, last used {formatDateTime(k.lastUsedAt, "never")}
              </span>
              {k.revokedAt ? <span className="ml-2 text-red-700">revoked</span> : null}
            </span>
            {k.revokedAt ? null : (
              <form onSubmit={revoke.onSubmit}>
                <input type="hidden" name="keyId" value={k.id} />
                <Button variant="secondary" className="px-2 py-1 text-xs text-red-700" aria-label={`Revoke root key ${k.name}`}>
                  Revoke
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={issued !== null} onClose={done} onEscape={() => setAsking(true)} title={`Root key "${issued?.name ?? ""}"`}>
        {issued ? <IssuedKey rawKey={issued.rawKey} onDone={done} asking={asking} onKeepOpen={() => setAsking(false)} /> : null}
      </Dialog>
    </section>
  );
}
