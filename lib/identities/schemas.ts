import { z } from "zod";
import { creditFormFields, creditRefillSchema, creditsFromForm, creditsSchema, externalIdSchema, limitsFormField } from "../keys/schemas";
import { namedLimitsSchema } from "../ratelimit/named-limits";

/** What an identity holds for all its keys: shared named limits and shared credits. */
export const identityChangesSchema = z.object({
  limits: namedLimitsSchema.optional(),
  // null: unlimited again (and no refill).
  credits: creditsSchema.nullable().optional(),
  creditRefill: creditRefillSchema.nullable().optional(),
});
export type IdentityChanges = z.infer<typeof identityChangesSchema>;

/** The Customers page's form: a new customer or changes to one, with shared limits and credits. */
export const identityFormSchema = z
  .object({
    externalId: externalIdSchema,
    limits: limitsFormField,
    ...creditFormFields,
  })
  .transform((form, ctx) => {
    const credits = creditsFromForm(form, ctx);
    if (credits === undefined) return z.NEVER;
    return { externalId: form.externalId, changes: { limits: form.limits ?? [], ...credits } };
  });
