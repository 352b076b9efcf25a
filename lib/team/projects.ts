import { isUniqueViolation } from "../db/errors";
import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { publishOrganizationChange } from "../events/key-changes";
import { hasRole } from "../auth/roles";
import type { TeamActor } from "./members";

function assertMayManageProjects(actor: TeamActor) {
  if (!hasRole(actor.role, "ADMIN")) throw new DomainError("FORBIDDEN", "Only owners and admins manage projects.");
}

const audit = (actor: TeamActor) => ({ type: "user" as const, id: actor.userId, label: actor.email });

export async function createProject(organizationId: string, name: string, actor: TeamActor, context: AuditContext = {}) {
  assertMayManageProjects(actor);
  try {
    return await db().$transaction(async (tx) => {
      const project = await tx.project.create({ data: { organizationId, name }, select: { id: true, name: true } });
      await recordAudit(
        {
          actor: audit(actor),
          organizationId,
          action: "project.created",
          target: { type: "project", id: project.id },
          metadata: { name },
          context,
        },
        tx,
      );
      return project;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "A project with this name exists.", "name");
    throw err;
  }
}

async function findProject(organizationId: string, projectId: string) {
  const project = await db().project.findFirst({
    where: { id: projectId, organizationId },
    select: { id: true, name: true, archivedAt: true },
  });
  if (!project) throw new DomainError("NOT_FOUND", "No such project.");
  return project;
}

export async function renameProject(
  organizationId: string,
  projectId: string,
  name: string,
  actor: TeamActor,
  context: AuditContext = {},
) {
  assertMayManageProjects(actor);
  const project = await findProject(organizationId, projectId);
  if (project.name === name) return;
  try {
    await db().$transaction(async (tx) => {
      await tx.project.update({ where: { id: project.id }, data: { name } });
      await recordAudit(
        {
          actor: audit(actor),
          organizationId,
          action: "project.renamed",
          target: { type: "project", id: project.id },
          metadata: { from: project.name, to: name },
          context,
        },
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("CONFLICT", "A project with this name exists.", "name");
    throw err;
  }
  publishOrganizationChange(organizationId);
}

/** Archives (or restores) a project: its keys answer 403 "Project archived" on every instance. */
export async function setProjectArchived(
  organizationId: string,
  projectId: string,
  archived: boolean,
  actor: TeamActor,
  context: AuditContext = {},
) {
  assertMayManageProjects(actor);
  const project = await findProject(organizationId, projectId);
  if (Boolean(project.archivedAt) === archived) return;
  await db().$transaction(async (tx) => {
    await tx.project.update({ where: { id: project.id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(
      {
        actor: audit(actor),
        organizationId,
        action: archived ? "project.archived" : "project.restored",
        target: { type: "project", id: project.id },
        metadata: { name: project.name },
        context,
      },
      tx,
    );
  });
  publishOrganizationChange(organizationId);
}

/** Projects with their active keys (the archive warning names them). */
export async function getProjectsWithKeysForOrg(organizationId: string) {
  const now = new Date();
  return db().project.findMany({
    where: { organizationId },
    select: {
      id: true,
      name: true,
      archivedAt: true,
      createdAt: true,
      apiKeys: {
        where: { OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] },
        select: { id: true, name: true, hint: true },
        orderBy: { name: "asc" },
      },
    },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
}

/** An organization's project that is not archived, by id; null otherwise. */
export async function findActiveProject(organizationId: string, projectId: string): Promise<{ id: string } | null> {
  return db().project.findFirst({ where: { id: projectId, organizationId, archivedAt: null }, select: { id: true } });
}
