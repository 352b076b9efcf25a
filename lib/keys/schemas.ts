import { z } from "zod";
import { canonicalAddressOrRange } from "../http/client-ip";
import { jsonObject, recordId, text } from "../validation/text";
import { namedLimitsSchema, type NamedLimit } from "../ratelimit/named-limits";
import { ENVIRONMENTS } from "./constants";
import { CUSTOMER_SCOPES, DEFAULT_SCOPES } from "./scopes";

export const keyNameSchema = text().trim().min(1, { error: "Enter a name." }).max(64, { error: "Use at most 64 characters." });

const keyScopesSchema = z
  .array(z.string())
  .min(1, { error: "Choose at least one scope." })
  .superRefine((scopes, ctx) => {
    const unknown = scopes.filter((s) => !CUSTOMER_SCOPES.includes(s));
    if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown scope: ${unknown.join(", ")}` });
  })
  .transform((scopes) => [...new Set(scopes)]);

const MAX_ALLOWLIST_ENTRIES = 100;
const METADATA_MAX_BYTES = 16 * 1024;

/** IPv4/IPv6 addresses and CIDR ranges, normalised and deduplicated; empty allows every address. */
export const ipAllowlistSchema = z
  .array(z.string().max(64, { error: "An entry is at most 64 characters." }))
  .max(MAX_ALLOWLIST_ENTRIES, { error: `At most ${MAX_ALLOWLIST_ENTRIES} addresses or ranges.` })
  .transform((entries, ctx) => {
    const out: string[] = [];
    for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
      const canonical = canonicalAddressOrRange(entry);
      if (!canonical) {
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not an IP address or CIDR range (for example 203.0.113.7 or 10.0.0.0/8).`,
        });
        return z.NEVER;
      }
      if (!out.includes(canonical)) out.push(canonical);
    }
    return out;
  });

/** The team's own data about a key: a JSON object of at most 16 KiB. */
export const keyMetadataSchema = z
  .unknown()
  .refine((v) => v !== null && typeof v === "object" && !Array.isArray(v), {
    error: 'Metadata must be a JSON object, like {"plan": "gold"}.',
  })
  .pipe(
    jsonObject().refine((v) => Buffer.byteLength(JSON.stringify(v)) <= METADATA_MAX_BYTES, {
      error: "Metadata is at most 16 KiB of JSON.",
    }),
  );

/** The team's own id for one of its customers (a user id, an account number): the key's identity. */
export const externalIdSchema = text()
  .trim()
  .min(1, { error: "Enter the customer's id." })
  .max(128, { error: "A customer id is at most 128 characters." });

/** Remaining uses of a key or identity: a whole number, at least 0. */
export const creditsSchema = z
  .number({ error: "Credits are a whole number." })
  .int({ error: "Credits are a whole number." })
  .min(0, { error: "Credits cannot be negative." })
  .max(1_000_000_000);

/** Refill the credits to `amount` at the start of every UTC day or month. */
export const creditRefillSchema = z.object({
  amount: z
    .number()
    .int({ error: "The refill is a whole number." })
    .min(1, { error: "Refill at least 1 credit." })
    .max(1_000_000_000),
  interval: z.enum(["daily", "monthly"], { error: "Refill daily or monthly." }),
});

const futureDate = z.date().refine((d) => d.getTime() > Date.now(), { error: "The expiry must be in the future." });

/** What every path (dashboard, API, CLI) passes to createKey. */
export const createKeyInputSchema = z.object({
  name: keyNameSchema,
  environment: z.enum(ENVIRONMENTS, { error: "Environment must be live or test." }).default("live"),
  scopes: keyScopesSchema.default([...DEFAULT_SCOPES]),
  expiresAt: futureDate.nullable().default(null),
  projectId: z.string().min(1).nullable().default(null),
  ratelimitPerMinute: z
    .number()
    .int({ error: "Use a whole number." })
    .min(1, { error: "Use at least 1." })
    .nullable()
    .default(null),
  externalId: externalIdSchema.nullable().default(null),
  limits: namedLimitsSchema.default([]),
  ipAllowlist: ipAllowlistSchema.default([]),
  metadata: keyMetadataSchema.default({}),
  credits: creditsSchema.nullable().default(null),
  creditRefill: creditRefillSchema.nullable().default(null),
});
export type CreateKeyInput = z.infer<typeof createKeyInputSchema>;

/**
 * The management API's create body: the same rules as createKeyInputSchema (the route parses the
 * body with it afterwards), in JSON terms, so the OpenAPI document is as strict as what is
 * enforced.
 */
export const createKeyBodySchema = z.object({
  name: keyNameSchema,
  scopes: keyScopesSchema.optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  projectId: recordId().nullable().optional(),
  ratelimitPerMinute: z.number().int().min(1).nullable().optional(),
  externalId: externalIdSchema.nullable().optional(),
  limits: namedLimitsSchema.optional(),
  ipAllowlist: ipAllowlistSchema.optional(),
  metadata: keyMetadataSchema.optional(),
  credits: creditsSchema.nullable().optional(),
  creditRefill: creditRefillSchema.nullable().optional(),
});

const DAY = 24 * 60 * 60 * 1000;

// The dashboard forms' expiry choice and rate limit, from strings; undefined after an issue.
function expiryFromForm(expiry: string, expiresOn: string | undefined, ctx: z.RefinementCtx): Date | null | undefined {
  if (expiry === "never") return null;
  if (expiry !== "date") return new Date(Date.now() + Number(expiry) * DAY);
  const parsed = expiresOn ? new Date(`${expiresOn}T23:59:59Z`) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Enter a date." });
  return undefined;
}

function ratelimitFromForm(value: string | undefined, ctx: z.RefinementCtx): number | null | undefined {
  if (!value) return null;
  if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
  ctx.addIssue({ code: "custom", path: ["ratelimitPerMinute"], message: "Use a whole number of at least 1." });
  return undefined;
}

/** The edit form's credit fields as changes; undefined after an issue. */
export function creditsFromForm(
  form: { creditsShown: string; credits: string; refillAmount: string; refillInterval: "" | "daily" | "monthly" },
  ctx: z.RefinementCtx,
): { credits?: number | null; creditRefill: { amount: number; interval: "daily" | "monthly" } | null } | undefined {
  const whole = (v: string, min: number) => /^\d+$/.test(v) && Number(v) >= min;
  if (form.credits && !whole(form.credits, 0)) {
    ctx.addIssue({
      code: "custom",
      path: ["credits"],
      message: "Use a whole number of at least 0, or leave empty for unlimited.",
    });
    return undefined;
  }
  let creditRefill = null;
  if (form.refillInterval) {
    if (!whole(form.refillAmount, 1)) {
      ctx.addIssue({ code: "custom", path: ["refillAmount"], message: "Refill at least 1 credit." });
      return undefined;
    }
    if (!form.credits) {
      ctx.addIssue({ code: "custom", path: ["refillAmount"], message: "A refill needs credits: set the credits too." });
      return undefined;
    }
    creditRefill = { amount: Number(form.refillAmount), interval: form.refillInterval };
  }
  const credits = form.credits === form.creditsShown ? undefined : form.credits ? Number(form.credits) : null;
  return { ...(credits === undefined ? {} : { credits }), creditRefill };
}

/** JSON text from a form field, parsed; an issue (with `message`) when it is not JSON. */
const jsonText = (message: string) =>
  z.string().transform((t, ctx) => {
    if (!t.trim()) return undefined;
    try {
      return JSON.parse(t) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
  });

/**
 * The key controls of the create and edit dialogs (components/keys/key-controls.tsx):
 * customer, named limits, credits, IP allowlist, metadata.
 */
/** The limits editor's rows (components/keys/limits-editor.tsx), as JSON. */
export const limitsFormField = z.string().default("").pipe(jsonText("The limits could not be read; reload the page.")).pipe(namedLimitsSchema.optional());

/** Credits: what the form showed (unchanged: left alone), the new value ("": unlimited), the refill. */
export const creditFormFields = {
  creditsShown: z.string().default(""),
  credits: z.string().trim().default(""),
  refillAmount: z.string().trim().default(""),
  refillInterval: z.enum(["", "daily", "monthly"], { error: "Refill daily or monthly." }).default(""),
};

const controlFormFields = {
  // "" leaves the key without a customer (edit: takes it out of its identity).
  externalId: text().trim().max(128, { error: "A customer id is at most 128 characters." }).default(""),
  limits: limitsFormField,
  // One address or range per line (or comma-separated); metadata as JSON text.
  ipAllowlist: z
    .string()
    .max(8000)
    .default("")
    .transform((t) => t.split(/[\s,]+/).filter(Boolean))
    .pipe(ipAllowlistSchema),
  ...creditFormFields,
  metadata: z
    .string()
    .max(20_000)
    .default("")
    .pipe(jsonText('Metadata must be valid JSON, for example {"plan": "gold"}.'))
    .transform((v): unknown => v ?? {})
    .pipe(keyMetadataSchema),
};

type ControlForm = {
  externalId: string;
  limits?: NamedLimit[];
  ipAllowlist: string[];
  metadata: unknown;
  creditsShown: string;
  credits: string;
  refillAmount: string;
  refillInterval: "" | "daily" | "monthly";
};

function controlsFromForm(form: ControlForm, ctx: z.RefinementCtx) {
  const credits = creditsFromForm(form, ctx);
  if (credits === undefined) return undefined;
  return {
    externalId: form.externalId || null,
    limits: form.limits ?? [],
    ipAllowlist: form.ipAllowlist,
    metadata: form.metadata as Record<string, unknown>,
    ...credits,
  };
}

/** The dashboard's create form (FormData: strings, checkbox groups as arrays). */
export const createKeyFormSchema = z
  .object({
    name: keyNameSchema,
    environment: z.enum(ENVIRONMENTS, { error: "Choose live or test." }),
    scopes: z.array(z.string()).default([]),
    expiry: z.enum(["never", "7", "30", "90", "date"], { error: "Choose an expiry." }),
    expiresOn: z.string().trim().optional(),
    projectId: z.string().trim().optional(),
    ratelimitPerMinute: z.string().trim().optional(),
    ...controlFormFields,
  })
  .transform((form, ctx) => {
    const expiresAt = expiryFromForm(form.expiry, form.expiresOn, ctx);
    const ratelimitPerMinute = ratelimitFromForm(form.ratelimitPerMinute, ctx);
    const controls = controlsFromForm(form, ctx);
    if (expiresAt === undefined || ratelimitPerMinute === undefined || controls === undefined) return z.NEVER;
    return {
      name: form.name,
      environment: form.environment,
      scopes: form.scopes,
      expiresAt,
      projectId: form.projectId || null,
      ratelimitPerMinute,
      ...controls,
      externalId: controls.externalId ?? null,
    };
  })
  // Same rules as every other path (the cast only widens the input type the defaults make optional).
  .pipe(createKeyInputSchema as unknown as z.ZodType<CreateKeyInput, CreateKeyInput>);

export const MAX_GRACE_SECONDS = 7 * 86_400;

export const gracePeriodSchema = z.coerce
  .number({ error: "Choose a grace period." })
  .int()
  .min(0, { error: "The grace period cannot be negative." })
  .max(MAX_GRACE_SECONDS, { error: "The grace period is at most 7 days." });

export const revokeReasonSchema = text().trim().max(500, { error: "Use at most 500 characters." }).optional();

/** The key page's edit form: "keep" leaves the expiry as it is. */
export const editKeyFormSchema = z
  .object({
    keyId: recordId(),
    name: keyNameSchema,
    scopes: keyScopesSchema,
    expiry: z.enum(["keep", "never", "7", "30", "90", "date"], { error: "Choose an expiry." }),
    expiresOn: z.string().trim().optional(),
    ratelimitPerMinute: z.string().trim().optional(),
    // Absent when the organization has no projects: the key's project is left as it is.
    projectId: z.string().trim().optional(),
    ...controlFormFields,
  })
  .transform((form, ctx) => {
    const expiresAt = form.expiry === "keep" ? null : expiryFromForm(form.expiry, form.expiresOn, ctx);
    const ratelimitPerMinute = ratelimitFromForm(form.ratelimitPerMinute, ctx);
    const controls = controlsFromForm(form, ctx);
    if (expiresAt === undefined || ratelimitPerMinute === undefined || controls === undefined) return z.NEVER;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry must be in the future." });
      return z.NEVER;
    }
    return {
      keyId: form.keyId,
      changes: {
        name: form.name,
        scopes: form.scopes,
        ratelimitPerMinute,
        ...controls,
        ...(form.expiry === "keep" ? {} : { expiresAt }),
        ...(form.projectId === undefined ? {} : { projectId: form.projectId || null }),
      },
    };
  });

/** PATCH /keys/:id: every field optional; the same rules as creating and as the edit dialog. */
export const editKeyBodySchema = z.object({
  name: keyNameSchema.optional(),
  scopes: keyScopesSchema.optional(),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => new Date(v).getTime() > Date.now(), { error: "The expiry must be in the future." })
    .nullable()
    .optional(),
  ratelimitPerMinute: z.number().int().min(1).nullable().optional(),
  ipAllowlist: ipAllowlistSchema.optional(),
  metadata: keyMetadataSchema.optional(),
  disabled: z.boolean().optional(),
  // null: unlimited again (and no refill).
  credits: creditsSchema.nullable().optional(),
  creditRefill: creditRefillSchema.nullable().optional(),
  // null: the key belongs to no identity any more.
  externalId: externalIdSchema.nullable().optional(),
  limits: namedLimitsSchema.optional(),
  // null: the key leaves its project.
  projectId: recordId().nullable().optional(),
});
