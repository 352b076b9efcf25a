import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { identityChangesSchema } from "../../identities/schemas";
import { createIdentity, getIdentity, listIdentities, updateIdentity, type IdentityDto } from "../../identities/service";
import { externalIdSchema } from "../../keys/schemas";
import { namedLimitsSchema } from "../../ratelimit/named-limits";
import { envelope, ok } from "../envelope";
import { notFoundError } from "../errors";
import { caller } from "./keys";

// Identities: a team's end customers, each with keys and the limits and credits they share.

const identitySchema = z.object({
  externalId: z.string(),
  limits: namedLimitsSchema,
  credits: z.number().nullable(),
  creditRefill: z.object({ amount: z.number(), interval: z.enum(["daily", "monthly"]) }).nullable(),
  activeKeys: z.number(),
  createdAt: z.string(),
});

const shown = (i: IdentityDto) => ({
  externalId: i.externalId,
  limits: i.limits,
  credits: i.credits,
  creditRefill: i.creditRefill,
  activeKeys: i.activeKeys,
  createdAt: i.createdAt.toISOString(),
});

const params = z.object({ externalId: externalIdSchema });
const admin = { auth: { scopes: ["admin"] } };

export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/identities",
    { config: admin, schema: { summary: "This organization's customers (identities), by externalId", tags: ["identities"], response: { 200: envelope(z.array(identitySchema)) } } },
    async (req) => {
      const { org } = await caller(req);
      return ok(req, (await listIdentities(org.id)).map(shown));
    },
  );

  app.get(
    "/identities/:externalId",
    { config: admin, schema: { summary: "One customer", tags: ["identities"], params, response: { 200: envelope(identitySchema) } } },
    async (req) => {
      const { org } = await caller(req);
      const identity = await getIdentity(org.id, req.params.externalId);
      if (!identity) throw notFoundError();
      return ok(req, shown(identity));
    },
  );

  app.post(
    "/identities",
    {
      config: admin,
      schema: {
        summary: "Create a customer ahead of its keys, with shared limits and credits (keys given a new externalId create one too)",
        tags: ["identities"],
        body: identityChangesSchema.extend({ externalId: externalIdSchema }),
        response: { 201: envelope(identitySchema) },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = await caller(req);
      const { externalId, ...changes } = req.body;
      const identity = await createIdentity(org, externalId, changes, actor, context);
      reply.code(201);
      return ok(req, shown(identity));
    },
  );

  app.patch(
    "/identities/:externalId",
    {
      config: admin,
      schema: {
        summary: "Change a customer's shared limits or credits; every instance applies them at once",
        tags: ["identities"],
        params,
        body: identityChangesSchema,
        response: { 200: envelope(identitySchema) },
      },
    },
    async (req) => {
      const { org, actor, context } = await caller(req);
      return ok(req, shown(await updateIdentity(org, req.params.externalId, req.body, actor, context)));
    },
  );
};
