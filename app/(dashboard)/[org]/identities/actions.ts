"use server";

import { revalidatePath } from "next/cache";
import { memberAction, type ActionContext } from "@/lib/auth/action";
import { identityFormSchema } from "@/lib/identities/schemas";
import { createIdentity, updateIdentity } from "@/lib/identities/service";
import type { KeyActor } from "@/lib/keys/service";

const actorOf = (ctx: ActionContext): KeyActor => ({ type: "user", id: ctx.user.id, label: ctx.user.email, role: ctx.role });
const done = (ctx: ActionContext) => revalidatePath(`/${ctx.organization.slug}`, "layout");

export const createIdentityAction = memberAction("ADMIN", identityFormSchema, async (input, ctx) => {
  await createIdentity(ctx.organization, input.externalId, input.changes, actorOf(ctx), ctx);
  done(ctx);
  return { status: "success", message: `Customer "${input.externalId}" added.` };
});

export const updateIdentityAction = memberAction("ADMIN", identityFormSchema, async (input, ctx) => {
  await updateIdentity(ctx.organization, input.externalId, input.changes, actorOf(ctx), ctx);
  done(ctx);
  return { status: "success", message: `Customer "${input.externalId}" saved.` };
});
