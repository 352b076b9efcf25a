"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction, type ActionContext } from "@/lib/auth/action";
import { recordId } from "@/lib/validation/text";
import { createKeyFormSchema, editKeyFormSchema, gracePeriodSchema, revokeReasonSchema } from "@/lib/keys/schemas";
import { createKey, revokeKey, rotateKey, setKeyDisabled, updateKey, type KeyActor } from "@/lib/keys/service";

export interface IssuedKeyState {
  id: string;
  rawKey: string;
  name: string;
  hint: string;
}

function actorOf(ctx: ActionContext): KeyActor {
  return { type: "user", id: ctx.user.id, label: ctx.user.email, role: ctx.role };
}

const orgOf = (ctx: ActionContext) => ({ id: ctx.organization.id, plan: ctx.organization.plan });

export const createKeyAction = memberAction("MEMBER", createKeyFormSchema, async (input, ctx) => {
  const { key, rawKey } = await createKey(orgOf(ctx), input, actorOf(ctx), ctx);
  revalidatePath(`/${ctx.organization.slug}/keys`);
  return {
    status: "success",
    message: `Key "${key.name}" created.`,
    data: { id: key.id, rawKey, name: key.name, hint: key.hint } as IssuedKeyState,
  };
});

export const rotateKeyAction = memberAction(
  "MEMBER",
  z.object({ keyId: recordId(), gracePeriodSeconds: gracePeriodSchema }),
  async (input, ctx) => {
    const { key, rawKey } = await rotateKey(orgOf(ctx), input.keyId, input.gracePeriodSeconds, actorOf(ctx), ctx);
    revalidatePath(`/${ctx.organization.slug}/keys`, "layout");
    return {
      status: "success",
      message: `Key "${key.name}" rotated.`,
      data: { id: key.id, rawKey, name: key.name, hint: key.hint } as IssuedKeyState,
    };
  },
);

export const revokeKeyAction = memberAction(
  "MEMBER",
  z.object({ keyId: recordId(), reason: revokeReasonSchema }),
  async (input, ctx) => {
    const key = await revokeKey(orgOf(ctx), input.keyId, input.reason, actorOf(ctx), ctx);
    revalidatePath(`/${ctx.organization.slug}/keys`, "layout");
    return { status: "success", message: `Key "${key.name}" revoked.` };
  },
);

export const editKeyAction = memberAction("MEMBER", editKeyFormSchema, async (input, ctx) => {
  const key = await updateKey(orgOf(ctx), input.keyId, input.changes, actorOf(ctx), ctx);
  revalidatePath(`/${ctx.organization.slug}/keys`, "layout");
  return { status: "success", message: `Key "${key.name}" saved.` };
});

export const setKeyDisabledAction = memberAction(
  "MEMBER",
  z.object({ keyId: recordId(), disabled: z.enum(["true", "false"]) }),
  async (input, ctx) => {
    const key = await setKeyDisabled(orgOf(ctx), input.keyId, input.disabled === "true", actorOf(ctx), ctx);
    revalidatePath(`/${ctx.organization.slug}/keys`, "layout");
    return { status: "success", message: key.disabledAt ? `Key "${key.name}" disabled.` : `Key "${key.name}" enabled.` };
  },
);
