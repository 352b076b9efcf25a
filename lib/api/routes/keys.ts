import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { db } from "../../db/client";
import { KEY_SELECT, toKeyDto, type KeyDto } from "../../keys/dto";
import { createKeyInput, MAX_GRACE_SECONDS } from "../../keys/schemas";
import { createKey, revokeKey, rotateKey, type KeyActor } from "../../keys/service";
import { envelope, ok } from "../envelope";
import { notFound } from "../errors";

const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()),
  environment: z.enum(["live", "test"]),
  status: z.enum(["active", "expired", "revoked", "rotating"]),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  projectId: z.string().nullable(),
  ratelimitPerMinute: z.number().nullable(),
  rotatedFromId: z.string().nullable(),
});
const issuedSchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()),
  environment: z.enum(["live", "test"]),
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

function caller(req: FastifyRequest): {
  org: { id: string; plan: "FREE" | "PRO" | "ENTERPRISE" };
  actor: KeyActor;
  context: object;
} {
  const key = req.apiKey!;
  return {
    org: { id: key.organizationId!, plan: key.plan! },
    actor: { type: "api_key", id: key.id, label: `api key ${key.id}` },
    context: { ip: req.ip, userAgent: req.headers["user-agent"] ?? null },
  };
}

const createBody = z.object({
  name: z.string(),
  scopes: z.array(z.string()).optional(),
  environment: z.enum(["live", "test"]).optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  projectId: z.string().nullable().optional(),
  ratelimitPerMinute: z.number().int().nullable().optional(),
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const admin = { auth: { scopes: ["admin"] } };

export const keyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/keys",
    {
      config: admin,
      schema: {
        summary: "List this organization's keys, newest first",
        tags: ["keys"],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: z.string().max(64).optional(),
        }),
        response: { 200: envelope(z.array(keySchema)) },
      },
    },
    async (req) => {
      const { org } = caller(req);
      const rows = await db().apiKey.findMany({
        where: { organizationId: org.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: req.query.limit + 1,
        ...(req.query.cursor ? { cursor: { id: req.query.cursor }, skip: 1 } : {}),
        select: KEY_SELECT,
      });
      const page = rows.slice(0, req.query.limit);
      const next = rows.length > req.query.limit ? page[page.length - 1].id : null;
      return ok(
        req,
        page.map((r) => listed(toKeyDto(r))),
        { next_cursor: next },
      );
    },
  );

  app.get(
    "/keys/:id",
    { config: admin, schema: { summary: "One key", tags: ["keys"], params: idParams, response: { 200: envelope(keySchema) } } },
    async (req) => {
      const row = await db().apiKey.findFirst({
        where: { id: req.params.id, organizationId: caller(req).org.id },
        select: KEY_SELECT,
      });
      if (!row) throw notFound();
      return ok(req, listed(toKeyDto(row)));
    },
  );

  app.post(
    "/keys",
    {
      config: admin,
      schema: {
        summary: "Create a key; the raw key is in this response only",
        tags: ["keys"],
        body: createBody,
        response: { 201: envelope(issuedSchema) },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = caller(req);
      const body = req.body;
      const input = createKeyInput.parse({ ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null });
      const { key, rawKey } = await createKey(org, input, actor, context);
      reply.code(201);
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
        body: z
          .object({ gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS).default(0) })
          .default({ gracePeriodSeconds: 0 }),
        response: { 201: envelope(issuedSchema) },
      },
    },
    async (req, reply) => {
      const { org, actor, context } = caller(req);
      const { key, rawKey } = await rotateKey(org, req.params.id, req.body.gracePeriodSeconds, actor, context);
      reply.code(201);
      return ok(req, issued(key, rawKey));
    },
  );

  app.delete(
    "/keys/:id",
    {
      config: admin,
      schema: { summary: "Revoke a key (idempotent)", tags: ["keys"], params: idParams, response: { 200: envelope(keySchema) } },
    },
    async (req) => {
      const { org, actor, context } = caller(req);
      return ok(req, listed(await revokeKey(org, req.params.id, undefined, actor, context)));
    },
  );
};
