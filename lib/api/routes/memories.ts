import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { addMemory, deleteMemory, getMemory, listMemories, searchMemories, type MemoryScope } from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { envelope, ok } from "../envelope";
import { notFoundError } from "../errors";

// The reference API that the keys protect (lib/memories/store.ts holds the data rules).

const memorySchema = z.object({
  id: z.string(),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  projectId: z.string().nullable(),
  createdAt: z.string(),
});

/** Memories this key may see: its organization's and environment's, narrowed to its project. */
function scope(req: FastifyRequest): MemoryScope {
  const key = req.apiKey!;
  return { organizationId: key.organizationId!, environment: key.environment, projectId: key.projectId };
}

const idParams = z.object({ id: recordId() });
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
        body: z.object({ content: text().trim().min(1).max(10_000), metadata: jsonObject().optional() }),
        response: { 201: envelope(memorySchema) },
      },
    },
    async (req, reply) => {
      const memory = await addMemory(scope(req), req.body.content, req.body.metadata);
      reply.code(201);
      return ok(req, memory);
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
          cursor: recordId().optional(),
        }),
        response: { 200: envelope(z.array(memorySchema)) },
      },
    },
    async (req) => {
      const { page, nextCursor } = await listMemories(scope(req), req.query.limit, req.query.cursor);
      return ok(req, page, { next_cursor: nextCursor });
    },
  );

  app.get(
    "/memories/:id",
    {
      config: read,
      schema: { summary: "One memory", tags: ["memories"], params: idParams, response: { 200: envelope(memorySchema) } },
    },
    async (req) => {
      const memory = await getMemory(scope(req), req.params.id);
      if (!memory) throw notFoundError();
      return ok(req, memory);
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
      if (!(await deleteMemory(scope(req), req.params.id))) throw notFoundError();
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
        body: z.object({ query: text().trim().min(1).max(500), limit: z.number().int().min(1).max(100).default(10) }),
        response: { 200: envelope(z.array(memorySchema)) },
      },
    },
    async (req) => ok(req, await searchMemories(scope(req), req.body.query, req.body.limit)),
  );
};
