"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction, type StaffContext } from "@/lib/auth/action";
import { createRootKey, revokeRootKey } from "@/lib/keys/root";
import { keyNameSchema } from "@/lib/keys/schemas";

const actor = (ctx: StaffContext) => ({ type: "user" as const, id: ctx.user.id, label: ctx.user.email });

export const createRootKeyAction = staffAction("ADMIN", z.object({ name: keyNameSchema }), async (input, ctx) => {
  const { key, rawKey } = await createRootKey(input.name, actor(ctx), ctx);
  revalidatePath("/support");
  return { status: "success", data: { rawKey, name: key.name, hint: key.hint } };
});

export const revokeRootKeyAction = staffAction("ADMIN", z.object({ keyId: z.string().min(1) }), async (input, ctx) => {
  await revokeRootKey(input.keyId, actor(ctx), ctx);
  revalidatePath("/support");
  return { status: "success", message: "Root key revoked." };
});
