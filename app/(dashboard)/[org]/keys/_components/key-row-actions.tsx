"use client";

import { useState } from "react";
import { RowMenu, type RowMenuItem } from "@/components/ui/row-menu";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";

interface Props {
  org: string;
  keyId: string;
  name: string;
  hint: string;
  status: string;
}

/** A key row's "…" menu and the dialogs it opens. */
export function KeyRowActions({ org, keyId, name, hint, status }: Props) {
  const [dialog, setDialog] = useState<"rotate" | "revoke" | null>(null);
  const items: RowMenuItem[] = [];
  if (status === "active") items.push({ label: "Rotate", onSelect: () => setDialog("rotate") });
  if (status !== "revoked") items.push({ label: "Revoke", onSelect: () => setDialog("revoke"), danger: true });
  const opened = (which: "rotate" | "revoke") => ({ open: dialog === which, onClose: () => setDialog(null) });
  return (
    <>
      <RowMenu label={`Actions for ${name}`} items={items} />
      {/* Mounted whatever the status: after the rotation the row is "rotating" and this still shows the new key. */}
      <RotateKeyDialog org={org} keyId={keyId} name={name} hint={hint} canRotate={false} opened={opened("rotate")} />
      {status !== "revoked" ? <RevokeKeyDialog org={org} keyId={keyId} name={name} hint={hint} opened={opened("revoke")} /> : null}
    </>
  );
}
