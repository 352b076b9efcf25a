import { getDefaultScopes } from "../../orgs/settings";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { AuditContext } from "../../audit/record";
import { apiKeyActor } from "../../keys/api-actor";
import { ENVIRONMENTS } from "../../keys/constants";
import { KEY_STATUSES } from "../../keys/status";
import type { KeyDto } from "../../keys/dto";
import { getKeyForOrg, getKeysPageForOrg } from "../../keys/queries";
import { createKeyBodySchema, createKeyInputSchema, editKeyBodySchema, externalIdSchema, MAX_GRACE_SECONDS } from "../../keys/schemas";
import { namedLimitsSchema } from "../../ratelimit/named-limits";
import { createKey, revokeKey, rotateKey, setKeyDisabled, updateKey, type KeyActor, type KeyOrg } from "../../keys/service";
import { requestClientIp } from "../../http/client-ip";
import { importedKeySchema, importKeys, importPrefixSchema, MAX_IMPORT } from "../../keys/import";
import { recordId } from "../../validation/text";
import { envelope, ok } from "../envelope";
import { notFoundError } from "../errors";

const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()),
  environment: z.enum(ENVIRONMENTS),
  status: z.enum(KEY_STATUSES),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  projectId: z.string().nullable(),
  ratelimitPerMinute: z.number().nullable(),
  rotatedFromId: z.string().nullable(),
  disabled: z.boolean(),
  ipAllowlist: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  credits: z.number().nullable(),
  creditRefill: z.object({ amount: z.number(), interval: z.enum(["daily", "monthly"]) }).nullable(),
  limits: namedLimitsSchema,
  externalId: z.string().nullable(),
});
const issuedSchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()),
  environment: z.enum(ENVIRONMENTS),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const listed = (k: KeyDto) => ({
  id: k.id,
  name: k.name,
  hint: k.hint,
  scopes: k.scopes,
  environment: k.environment,
  status: k.status,
  expiresAt: iso(k.expiresAt),
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  projectId: k.projectId,
  ratelimitPerMinute: k.ratelimitPerMinute,
  rotatedFromId: k.rotatedFromId,
  credits: k.credits,
  creditRefill: k.creditRefill,
  disabled: k.disabledAt !== null,
  ipAllowlist: k.ipAllowlist,
  metadata: k.metadata,
  limits: k.limits,
  externalId: k.externalId,
});
const issued = (k: KeyDto, rawKey: string) => ({
  id: k.id,
  name: k.name,
  key: rawKey,
  hint: k.hint,
  scopes: k.scopes,
  environment: k.environment,
  expiresAt: iso(k.expiresAt),
  createdAt: k.createdAt.toISOString(),
});

/**
 * The calling key's organization and the actor behind it: the key's creator with their
 * role as it is now (lib/keys/api-actor.ts), checked on every management request.
 */
export async function caller(req: FastifyRequest): Promise<{ org: KeyOrg; actor: KeyActor; context: AuditContext }> {
  const key = req.apiKey!;
  const org = { id: key.organizationId!, plan: key.plan! };
  return {
    org,
    actor: await apiKeyActor(key.id, org.id),
    context: { ip: requestClientIp(req.raw), userAgent: req.headers["user-agent"] ?? null },
  };
}

const idParams = z.object({ id: recordId() });
const admin = { auth: { scopes: ["admin"] } };
// A response that carries a raw key must never be stored by a cache on the way.
const NO_STORE = "no-store";

export const keyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/keys/import",
    {
      config: admin,
      // 1,000 keys of about 200 bytes each: the one route with a larger body limit.
      bodyLimit: 512 * 1024,
      schema: {
        summary: "Import existing keys from another system by their SHA-256 (all or none)",
        tags: ["keys"],
        body: z.object({
          prefix: importPrefixSchema,
          keys: z
            .array(importedKeySchema)
            .min(1)
            .max(MAX_IMPORT, { error: `At most ${MAX_IMPORT.toLocaleString("en")} keys per request: send the rest in further requests.` }),
        }),
        response: {
          201: envelope(
            z.object({ imported: z.number(), keys: z.array(z.object({ id: z.string(), name: z.string(), hint: z.string() })) }),
          ),
        },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = await caller(req);
      const { imported } = await importKeys(org, req.body.prefix, req.body.keys, actor, context);
      reply.code(201);
      return ok(req, { imported: imported.length, keys: imported });
    },
  );

  app.get(
    "/keys",
    {
      config: admin,
      schema: {
        summary: "List this organization's keys, newest first",
        tags: ["keys"],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: recordId().optional(),
          // One customer's keys (an identity's externalId).
          externalId: externalIdSchema.optional(),
        }),
        response: { 200: envelope(z.array(keySchema)) },
      },
    },
    async (req) => {
      const { org } = await caller(req);
      const { page, nextCursor } = await getKeysPageForOrg(org.id, req.query.limit, req.query.cursor, req.query.externalId);
      return ok(req, page.map(listed), { next_cursor: nextCursor });
    },
  );

  app.get(
    "/keys/:id",
    { config: admin, schema: { summary: "One key", tags: ["keys"], params: idParams, response: { 200: envelope(keySchema) } } },
    async (req) => {
      const { org } = await caller(req);
      const key = await getKeyForOrg(org.id, req.params.id);
      if (!key) throw notFoundError();
      return ok(req, listed(key));
    },
  );

  app.post(
    "/keys",
    {
      config: admin,
      schema: {
        summary: "Create a key; the raw key is in this response only",
        tags: ["keys"],
        body: createKeyBodySchema,
        response: { 201: envelope(issuedSchema) },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = await caller(req);
      const body = req.body;
      const scopes = body.scopes ?? (await getDefaultScopes(org.id));
      const input = createKeyInputSchema.parse({ ...body, scopes, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null });
      const { key, rawKey } = await createKey(org, input, actor, context);
      reply.code(201).header("cache-control", NO_STORE);
      return ok(req, issued(key, rawKey));
    },
  );

  app.post(
    "/keys/:id/rotate",
    {
      config: admin,
      schema: {
        summary: "Rotate a key: a successor with the same settings; the old key works until the grace period ends",
        tags: ["keys"],
        params: idParams,
        // Optional: no body, an empty body and {} all mean no grace period.
        body: z.object({ gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(0) }).nullish(),
        response: { 201: envelope(issuedSchema) },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = await caller(req);
      const { key, rawKey } = await rotateKey(org, req.params.id, req.body?.gracePeriodSeconds ?? 0, actor, context);
      reply.code(201).header("cache-control", NO_STORE);
      return ok(req, issued(key, rawKey));
    },
  );

  app.patch(
    "/keys/:id",
    {
      config: admin,
      schema: {
        summary: "Edit a key: name, scopes, expiry, rate limit, IP allowlist, metadata, credits, named limits, identity; disable or enable it",
        tags: ["keys"],
        params: idParams,
        body: editKeyBodySchema,
        response: { 200: envelope(keySchema) },
      },
    },
    async (req) => {
      const { org, actor, context } = await caller(req);
      const { disabled, expiresAt, ...rest } = req.body;
      const changes = { ...rest, ...(expiresAt !== undefined ? { expiresAt: expiresAt ? new Date(expiresAt) : null } : {}) };
      let key = await updateKey(org, req.params.id, changes, actor, context);
      if (disabled !== undefined) key = await setKeyDisabled(org, req.params.id, disabled, actor, context);
      return ok(req, listed(key));
    },
  );

  app.delete(
    "/keys/:id",
    {
      config: admin,
      schema: { summary: "Revoke a key (idempotent)", tags: ["keys"], params: idParams, response: { 200: envelope(keySchema) } },
    },
    async (req) => {
      const { org, actor, context } = await caller(req);
      return ok(req, listed(await revokeKey(org, req.params.id, undefined, actor, context)));
    },
  );
};
