import Link from "next/link";
import { archiveProjectAction, renameProjectAction } from "./actions";
import { CreateProjectForm } from "./_components/create-project-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireMember } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { getProjectsWithKeysForOrg } from "@/lib/team/projects";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, role } = await requireMember((await params).org);
  const manages = hasRole(role, "ADMIN");
  const projects = await getProjectsWithKeysForOrg(organization.id);
  const org = organization.slug;
  return (
    <>
      <PageHeader title="Projects" description="Group keys by the product or customer they serve. An archived project's keys are refused with 403 until it is restored." />
      {manages ? <CreateProjectForm org={org} /> : null}
      {projects.length === 0 ? (
        <EmptyState title="No projects yet">{manages ? "Create one above; keys can then be given a project, and filtered by it." : "Owners and admins create projects."}</EmptyState>
      ) : (
        <SimpleTable
          label="Projects"
          head={["Project", "Active keys", "Status", "Created", ...(manages ? [""] : [])]}
          rows={projects.map((p) => {
            const keyNames = p.apiKeys.map((k) => `${k.name} (${k.hint})`);
            return [
              <Link key="n" href={`/${org}/keys?project=${p.id}`} className="text-indigo-700 underline">
                {p.name}
              </Link>,
              p.apiKeys.length,
              p.archivedAt ? <span className="text-red-700">Archived {formatDate(p.archivedAt)}</span> : "Active",
              formatDate(p.createdAt),
              ...(manages
                ? [
                    <div key="a" className="flex justify-end gap-2">
                      <ConfirmDialog
                        action={renameProjectAction}
                        trigger="Rename"
                        triggerLabel={`Rename ${p.name}`}
                        small
                        title={`Rename ${p.name}`}
                        description="Keys keep their project; only the name changes."
                        hidden={{ org, projectId: p.id }}
                        fields={[{ name: "name", label: "Name", defaultValue: p.name, maxLength: 64, required: true }]}
                        confirm="Rename"
                      />
                      {p.archivedAt ? (
                        <ConfirmDialog
                          action={archiveProjectAction}
                          trigger="Restore"
                          triggerLabel={`Restore ${p.name}`}
                          small
                          title={`Restore ${p.name}?`}
                          description={`Its ${p.apiKeys.length} active key${p.apiKeys.length === 1 ? "" : "s"} work again within a second.`}
                          hidden={{ org, projectId: p.id, archived: "false" }}
                          confirm="Restore project"
                        />
                      ) : (
                        <ConfirmDialog
                          action={archiveProjectAction}
                          trigger="Archive"
                          triggerLabel={`Archive ${p.name}`}
                          small
                          danger
                          title={`Archive ${p.name}?`}
                          description={
                            keyNames.length
                              ? `These keys will be refused with 403 "Project archived" on every instance within a second: ${keyNames.join(", ")}.`
                              : "It has no active keys. New keys cannot be given an archived project."
                          }
                          hidden={{ org, projectId: p.id, archived: "true" }}
                          confirm="Archive project"
                        />
                      )}
                    </div>,
                  ]
                : []),
            ];
          })}
        />
      )}
    </>
  );
}
