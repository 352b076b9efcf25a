"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RowMenu, type RowMenuItem } from "@/components/ui/row-menu";
import { removeMemberAction, transferOwnershipAction } from "../actions";

interface Props {
  org: string;
  organizationName: string;
  membershipId: string;
  email: string;
  self: boolean;
  mayMakeOwner: boolean;
  mayRemove: boolean;
  /** The sentence naming the invitations a removal also revokes, or "". */
  alsoRevoked: string;
}

type Which = "owner" | "leave" | "remove";

/** A member row's "…" menu (Make owner, Remove or Leave) and the confirmations it opens. */
export function MemberRowActions({ org, organizationName, membershipId, email, self, mayMakeOwner, mayRemove, alsoRevoked }: Props) {
  const [dialog, setDialog] = useState<Which | null>(null);
  const opened = (which: Which) => ({ open: dialog === which, onClose: () => setDialog(null) });
  const hidden = { org, membershipId };
  const items: RowMenuItem[] = [];
  if (mayMakeOwner) items.push({ label: "Make owner", onSelect: () => setDialog("owner") });
  if (self && mayRemove) items.push({ label: "Leave", onSelect: () => setDialog("leave"), danger: true });
  if (!self && mayRemove) items.push({ label: "Remove", onSelect: () => setDialog("remove"), danger: true });
  return (
    <>
      <RowMenu label={self ? "Your membership actions" : `Actions for ${email}`} items={items} />
      {mayMakeOwner ? (
        <ConfirmDialog
          opened={opened("owner")}
          action={transferOwnershipAction}
          hidden={hidden}
          danger
          title={`Make ${email} the owner?`}
          description="They become an owner and you become an admin. Only they, or another owner, can make you owner again."
          confirm="Transfer ownership"
        />
      ) : null}
      {self && mayRemove ? (
        <ConfirmDialog
          opened={opened("leave")}
          action={removeMemberAction}
          hidden={hidden}
          danger
          title={`Leave ${organizationName}?`}
          description="You lose access at once. Keys you created stay with the organization."
          confirm="Leave organization"
          afterSuccess="home"
        />
      ) : null}
      {!self && mayRemove ? (
        <ConfirmDialog
          opened={opened("remove")}
          action={removeMemberAction}
          hidden={hidden}
          danger
          title={`Remove ${email}?`}
          description={`They lose access on their next request. Keys they created stay with the organization.${alsoRevoked}`}
          confirm="Remove member"
        />
      ) : null}
    </>
  );
}
