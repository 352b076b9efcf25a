import { revokeInvitationAction } from "./actions";
import { InviteDialog } from "./_components/invite-dialog";
import { MemberRowActions } from "./_components/member-row-actions";
import { RoleSelect } from "./_components/role-select";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireMember } from "@/lib/auth/current-user";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { getMembersForOrg } from "@/lib/orgs/queries";
import { getPendingInvitationsForOrg } from "@/lib/team/invitations";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, role, user } = await requireMember((await params).org);
  const manages = hasRole(role, "ADMIN");
  const [members, invitations] = await Promise.all([
    getMembersForOrg(organization.id),
    manages ? getPendingInvitationsForOrg(organization.id) : [],
  ]);
  // An admin may give every role but owner; only an owner makes owners.
  const roles = (
    role === "OWNER" ? (["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const) : (["ADMIN", "MEMBER", "VIEWER"] as const)
  ).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  const owners = members.filter((m) => m.role === "OWNER").length;
  // What demoting or removing someone also ends: the invitations they sent.
  const sentBy = (userId: string) => invitations.filter((i) => i.createdById === userId).map((i) => i.email);
  const alsoRevoked = (emails: string[]) =>
    emails.length ? ` Their pending invitation${emails.length === 1 ? "" : "s"} (${emails.join(", ")}) ${emails.length === 1 ? "is" : "are"} revoked too.` : "";
  const org = organization.slug;

  return (
    <>
      <PageHeader
        title="Members"
        description="People in this organization and their roles. Owners and admins invite and manage; a removed member loses access at once, and their keys stay."
        actions={manages ? <InviteDialog org={org} roles={roles} /> : null}
      />
      <SimpleTable
        label="Members"
        head={["Name", "Email", "Role", "Last sign-in", ""]}
        rows={members.map((m) => {
          const self = m.user.id === user.id;
          const lastOwner = m.role === "OWNER" && owners === 1;
          const mayEdit = manages && !self && (role === "OWNER" || m.role !== "OWNER");
          return [
            m.user.name ?? "—",
            <span key="e">
              {m.user.email}
              {self ? <span className="ml-1 text-xs text-zinc-600">(you)</span> : null}
            </span>,
            mayEdit ? (
              <RoleSelect
                key="r"
                org={org}
                membershipId={m.id}
                role={m.role}
                roles={roles}
                label={`Role of ${m.user.email}`}
                demotionWarning={sentBy(m.user.id).length ? `Below admin, ${m.user.email} may no longer invite:${alsoRevoked(sentBy(m.user.id))}` : null}
              />
            ) : (
              ROLE_LABELS[m.role]
            ),
            <RelativeTime key="t" value={m.lastSignInAt} empty="Never" />,
            <div key="a" className="flex items-center justify-end gap-2">
              {self && lastOwner ? <span className="text-xs text-zinc-600">Last owner: transfer ownership to leave</span> : null}
              <MemberRowActions
                org={org}
                organizationName={organization.name}
                membershipId={m.id}
                email={m.user.email}
                self={self}
                mayMakeOwner={role === "OWNER" && !self}
                mayRemove={(self || mayEdit) && !lastOwner}
                alsoRevoked={self ? "" : alsoRevoked(sentBy(m.user.id))}
              />
            </div>,
          ];
        })}
      />
      {manages ? (
        <section className="mt-8">
          <h2 id="pending" className="mb-2 font-medium">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="text-sm text-zinc-600">None.</p>
          ) : (
            <SimpleTable
              label="Pending invitations"
              head={["Email", "Role", "Invited by", "Expires", ""]}
              rows={invitations.map((i) => [
                i.email,
                ROLE_LABELS[i.role],
                i.createdByEmail ?? "Operator (CLI)",
                formatDate(i.expiresAt),
                <ConfirmDialog
                  key="r"
                  action={revokeInvitationAction}
                  hidden={{ org, invitationId: i.id }}
                  danger
                  small
                  trigger="Revoke"
                  triggerLabel={`Revoke the invitation of ${i.email}`}
                  title={`Revoke the invitation of ${i.email}?`}
                  description="The link stops working at once."
                  confirm="Revoke invitation"
                />,
              ])}
            />
          )}
        </section>
      ) : null}
    </>
  );
}
