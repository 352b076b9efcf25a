"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction, type ActionContext } from "@/lib/auth/action";
import { createProject, renameProject, setProjectArchived } from "@/lib/team/projects";
import type { TeamActor } from "@/lib/team/members";
import { recordId, text } from "@/lib/validation/text";

const team = (ctx: ActionContext): TeamActor => ({ userId: ctx.user.id, email: ctx.user.email, role: ctx.role });
const projectName = text().trim().min(1, { error: "Enter a name." }).max(64, { error: "Use at most 64 characters." });
const done = (ctx: ActionContext) => revalidatePath(`/${ctx.organization.slug}`, "layout");

export const createProjectAction = memberAction("ADMIN", z.object({ name: projectName }), async (input, ctx) => {
  await createProject(ctx.organization.id, input.name, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: `Project "${input.name}" created.` };
});

export const renameProjectAction = memberAction("ADMIN", z.object({ projectId: recordId(), name: projectName }), async (input, ctx) => {
  await renameProject(ctx.organization.id, input.projectId, input.name, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: "Project renamed." };
});

export const archiveProjectAction = memberAction("ADMIN", z.object({ projectId: recordId(), archived: z.enum(["true", "false"]) }), async (input, ctx) => {
  const archived = input.archived === "true";
  await setProjectArchived(ctx.organization.id, input.projectId, archived, team(ctx), ctx);
  done(ctx);
  return { status: "success", message: archived ? "Project archived: its keys are refused." : "Project restored: its keys work again." };
});
