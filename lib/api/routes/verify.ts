import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isIP } from "node:net";
import { z } from "zod";
import { ENVIRONMENTS } from "../../keys/constants";
import { ROOT_SCOPE } from "../../keys/scopes";
import { verifyKey, type VerifyResult } from "../../verify/verify";
import { limitCostsSchema, WINDOW_NAMES } from "../../ratelimit/named-limits";
import { envelope, ok } from "../envelope";
import { ApiError } from "../errors";

export const verifyBodySchema = z.object({
  key: z.string().max(256),
  scopes: z.array(z.string().max(64)).max(20).optional(),
  // The end client's address, for keys with an IP allowlist (the gateway knows it; we see the gateway).
  // What this call spends of the key's credits (keys with credits only).
  cost: z.number().int().min(0).max(1_000_000).optional(),
  // What this call costs of each named limit of the key or its identity (default 1 each).
  limits: limitCostsSchema.optional(),
  ip: z
    .string()
    .max(64)
    .refine((v) => isIP(v) !== 0, { error: "Not an IP address." })
    .optional(),
});

export const verifyAnswerSchema = z.object({
  valid: z.boolean(),
  code: z.string(),
  keyId: z.string().nullable(),
  organizationId: z.string().nullable(),
  projectId: z.string().nullable(),
  environment: z.enum(ENVIRONMENTS).nullable(),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
  ratelimit: z.object({ limit: z.number(), remaining: z.number(), reset: z.number() }).nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  credits: z.number().nullable(),
  limits: z.array(
    z.object({
      name: z.string(),
      limit: z.number(),
      window: z.enum(WINDOW_NAMES),
      remaining: z.number(),
      reset: z.number(),
      shared: z.boolean(),
    }),
  ),
  identity: z.object({ externalId: z.string() }).nullable(),
});

export const verifyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/keys/verify",
    {
      config: { auth: { root: true } },
      schema: {
        summary: `Verify a customer's key for a gateway (root key with ${ROOT_SCOPE}); always 200 with the verdict`,
        tags: ["keys"],
        body: verifyBodySchema,
        response: { 200: envelope(verifyAnswerSchema) },
      },
    },
    async (req) => ok(req, await verifyCustomerKey(req.body)),
  );
};

/** The verdict on a customer's key, the `data` of the answer (also served by lib/api/fast-routes.ts). */
export function verifyCustomerKey(body: z.infer<typeof verifyBodySchema>): VerifyAnswer | Promise<VerifyAnswer> {
  // The verified key is a customer key: it counts as a use of that key, with its limits.
  const requirement = body.scopes || body.cost !== undefined || body.limits ? { scopes: body.scopes, cost: body.cost, limits: body.limits } : ANY;
  // Synchronous while the key is warm (lib/verify/verify.ts): no promise per request then.
  const result = verifyKey(body.key, requirement, { ip: body.ip });
  return result instanceof Promise ? result.then(answerOf) : answerOf(result);
}

type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;

function answerOf(result: VerifyResult): VerifyAnswer {
  // A cost beyond a whole limit is the gateway's mistake, not a verdict on the key.
  if (result.code === "BAD_REQUEST") throw new ApiError("BAD_REQUEST", result.message);
  const key = result.key;
  return {
    valid: result.code === "VALID",
    code: result.code,
    keyId: key?.id ?? null,
    organizationId: key?.organizationId ?? null,
    projectId: key?.projectId ?? null,
    environment: key?.environment ?? null,
    scopes: key?.scopes ?? [],
    expiresAt: key?.expiresAt ? new Date(key.expiresAt).toISOString() : null,
    ratelimit: result.ratelimit ? { limit: result.ratelimit.limit, remaining: result.ratelimit.remaining, reset: result.ratelimit.reset } : null,
    metadata: key ? key.metadata : null,
    credits: result.credits ?? null,
    limits: result.limits ?? NO_LIMITS,
    identity: key?.identity ? { externalId: key.identity.externalId } : null,
  };
}
const ANY = {};
const NO_LIMITS: never[] = [];
