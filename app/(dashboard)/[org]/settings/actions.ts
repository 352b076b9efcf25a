"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction, type ActionContext } from "@/lib/auth/action";
import { deleteOrganization, organizationSettingsSchema, updateOrganizationSettings } from "@/lib/orgs/settings";
import type { TeamActor } from "@/lib/team/members";
import { text } from "@/lib/validation/text";

const team = (ctx: ActionContext): TeamActor => ({ userId: ctx.user.id, email: ctx.user.email, role: ctx.role });

// The form's strings into the settings' types; the schema in lib/orgs/settings.ts decides.
const settingsForm = z
  .object({ name: z.unknown(), scopes: z.array(z.string()).default([]), maxKeyLifetimeDays: z.string().trim().default(""), expiryRequired: z.string().optional() })
  .transform((f) => ({ name: f.name, defaultScopes: f.scopes, maxKeyLifetimeDays: (f.maxKeyLifetimeDays === "" ? null : f.maxKeyLifetimeDays) as unknown, expiryRequired: f.expiryRequired === "on" }))
  .pipe(organizationSettingsSchema);

export const updateSettingsAction = memberAction("ADMIN", settingsForm, async (input, ctx) => {
  await updateOrganizationSettings(ctx.organization.id, input, team(ctx), ctx);
  revalidatePath(`/${ctx.organization.slug}`, "layout");
  return { status: "success", message: "Settings saved." };
});

export const deleteOrganizationAction = memberAction("OWNER", z.object({ confirmation: text().max(100) }), async (input, ctx) => {
  await deleteOrganization(ctx.organization.id, input.confirmation, team(ctx), ctx);
  return { status: "success", message: "Organization deleted." };
});
