"use server";

import { z } from "zod";
import { userAction } from "@/lib/auth/action";
import { createOrganizationFor } from "@/lib/orgs/create-organization";
import { newOrganizationProfileSchema } from "@/lib/profiles/enabled";
import { text } from "@/lib/validation/text";

export const createOrganizationAction = userAction(
  z.object({
    name: text().trim().min(1, { error: "Name your organization." }).max(64, { error: "Use at most 64 characters." }),
    profile: newOrganizationProfileSchema,
  }),
  async (input, ctx) => {
    const org = await createOrganizationFor(ctx.user, input.name, ctx, input.profile);
    return { status: "success", message: "Organization created.", data: { slug: org.slug } };
  },
);
