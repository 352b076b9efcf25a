import { deleteOrganizationAction } from "./actions";
import { SettingsForm } from "./_components/settings-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-user";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { keyStarts, PROFILES } from "@/lib/profiles/catalog";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, role } = await requireMember((await params).org);
  const max = organization.maxKeyLifetimeDays;
  const profile = PROFILES[organization.profile];
  const rows: [string, string][] = [
    ["Slug", organization.slug],
    ["Plan", organization.plan],
    ["API profile", `${profile.label}: keys start ${keyStarts(profile).join(" or ")}; clients use the base URL ${profile.basePath}`],
    ["Your role", ROLE_LABELS[role]],
    ["Status", organization.suspendedAt ? `Suspended since ${formatDateTime(organization.suspendedAt)}` : "Active"],
  ];
  return (
    <>
      <PageHeader title="Settings" description="Your organization, the scopes new keys start with, and the rules every key must follow." />
      <dl className="mb-6 grid max-w-xl grid-cols-[10rem_1fr] gap-y-2 rounded-lg border border-zinc-200 bg-white p-6 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-600">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {hasRole(role, "ADMIN") ? (
        <section aria-labelledby="edit" className="mb-6 max-w-xl rounded-lg border border-zinc-200 bg-white p-6">
          <h2 id="edit" className="mb-4 font-medium">
            Organization and key policy
          </h2>
          <SettingsForm
            org={organization.slug}
            settings={{ name: organization.name, defaultScopes: organization.defaultScopes, maxKeyLifetimeDays: max, expiryRequired: organization.expiryRequired, profile: organization.profile }}
          />
        </section>
      ) : (
        <p className="mb-6 text-sm text-zinc-700">
          Name: {organization.name}. New keys start with {organization.defaultScopes.join(", ")}.{" "}
          {max ? `Keys expire within ${max} days.` : organization.expiryRequired ? "Every key must have an expiry." : "No key policy."} Owners and admins change these.
        </p>
      )}
      {role === "OWNER" ? (
        <section aria-labelledby="danger" className="max-w-xl rounded-lg border border-red-200 bg-white p-6">
          <h2 id="danger" className="mb-2 font-medium text-red-800">
            Delete this organization
          </h2>
          <p className="mb-4 text-sm text-zinc-700">Every key is revoked at once, every member loses access, pending invitations end. This cannot be undone.</p>
          <ConfirmDialog
            action={deleteOrganizationAction}
            trigger="Delete organization"
            danger
            title={`Delete ${organization.name}?`}
            description={`Type the organization's name, ${organization.name}, to confirm.`}
            hidden={{ org: organization.slug }}
            fields={[{ name: "confirmation", label: "Organization name", required: true, maxLength: 100 }]}
            confirm="Delete organization"
            afterSuccess="home"
          />
        </section>
      ) : null}
    </>
  );
}
