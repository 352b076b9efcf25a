import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../../db/client";
import { envelope, ok } from "../envelope";
import { notFound } from "../errors";

// The reference API that the keys protect: memories stored per organization (and per
// project when the key is bound to one).

const memorySchema = z.object({
  id: z.string(),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  projectId: z.string().nullable(),
  createdAt: z.string(),
});
const SELECT = { id: true, content: true, metadata: true, projectId: true, createdAt: true } as const;
type Row = Prisma.MemoryGetPayload<{ select: typeof SELECT }>;
const dto = (m: Row) => ({ ...m, metadata: (m.metadata ?? {}) as Record<string, unknown>, createdAt: m.createdAt.toISOString() });

/** Memories this key may see: its organization's, narrowed to its project if it has one. */
function scope(req: FastifyRequest): Prisma.MemoryWhereInput {
  const key = req.apiKey!;
  return { organizationId: key.organizationId!, ...(key.projectId ? { projectId: key.projectId } : {}) };
}

const idParams = z.object({ id: z.string().min(1).max(64) });
const read = { auth: { scopes: ["memories:read"] } };
const write = { auth: { scopes: ["memories:write"] } };

export const memoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/memories",
    {
      config: write,
      schema: {
        summary: "Store a memory",
        tags: ["memories"],
        body: z.object({ content: z.string().trim().min(1).max(10_000), metadata: z.record(z.string(), z.unknown()).optional() }),
        response: { 201: envelope(memorySchema) },
      },
    },
    async (req, reply) => {
      const key = req.apiKey!;
      const memory = await db().memory.create({
        data: {
          organizationId: key.organizationId!,
          projectId: key.projectId,
          content: req.body.content,
          metadata: (req.body.metadata ?? {}) as Prisma.InputJsonObject,
        },
        select: SELECT,
      });
      reply.code(201);
      return ok(req, dto(memory));
    },
  );

  app.get(
    "/memories",
    {
      config: read,
      schema: {
        summary: "List memories, newest first",
        tags: ["memories"],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(64).optional(),
        }),
        response: { 200: envelope(z.array(memorySchema)) },
      },
    },
    async (req) => {
      const rows = await db().memory.findMany({
        where: scope(req),
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: req.query.limit + 1,
        ...(req.query.cursor ? { cursor: { id: req.query.cursor }, skip: 1 } : {}),
        select: SELECT,
      });
      const page = rows.slice(0, req.query.limit);
      return ok(req, page.map(dto), { next_cursor: rows.length > req.query.limit ? page[page.length - 1].id : null });
    },
  );

  app.get(
    "/memories/:id",
    {
      config: read,
      schema: { summary: "One memory", tags: ["memories"], params: idParams, response: { 200: envelope(memorySchema) } },
    },
    async (req) => {
      const memory = await db().memory.findFirst({ where: { ...scope(req), id: req.params.id }, select: SELECT });
      if (!memory) throw notFound();
      return ok(req, dto(memory));
    },
  );

  app.delete(
    "/memories/:id",
    {
      config: write,
      schema: {
        summary: "Delete a memory",
        tags: ["memories"],
        params: idParams,
        response: { 200: envelope(z.object({ id: z.string(), deleted: z.literal(true) })) },
      },
    },
    async (req) => {
      const { count } = await db().memory.deleteMany({ where: { ...scope(req), id: req.params.id } });
      if (count === 0) throw notFound();
      return ok(req, { id: req.params.id, deleted: true as const });
    },
  );

  app.post(
    "/memories/search",
    {
      config: { auth: { scopes: ["search:read"] } },
      schema: {
        summary: "Search memories by text",
        tags: ["memories"],
        body: z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(100).default(10) }),
        response: { 200: envelope(z.array(memorySchema)) },
      },
    },
    async (req) => {
      const rows = await db().memory.findMany({
        where: { ...scope(req), content: { contains: req.body.query, mode: "insensitive" } },
        orderBy: { createdAt: "desc" },
        take: req.body.limit,
        select: SELECT,
      });
      return ok(req, rows.map(dto));
    },
  );
};
