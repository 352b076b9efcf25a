import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  addMemory,
  deleteMemory,
  getMemory,
  listMemories,
  searchMemories,
  updateMemory,
  type MemoryScope,
  searchQuerySchema,
} from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { envelope, ok } from "../envelope";
import { notFoundError } from "../errors";

// The reference API that the keys protect, the Memory OS contract (lib/memories/store.ts
// holds the data rules). Served at /api/v1 and, for clients whose base URL ends before
// /v1, at /compat/memory-os/v1 (hidden from the OpenAPI document there).

const memorySchema = z.object({
  id: z.string(),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  projectId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Memories this key may see: its organization's and environment's, narrowed to its project. */
export function memoryScope(req: FastifyRequest): MemoryScope {
  const key = req.apiKey!;
  return { organizationId: key.organizationId!, environment: key.environment, projectId: key.projectId };
}
const scope = memoryScope;

const idParams = z.object({ id: recordId() });
// Memory OS keys only: another profile's key is "wrong key format" here.
const read = { auth: { scopes: ["memories:read"], profile: "memory-os" as const } };
const write = { auth: { scopes: ["memories:write"], profile: "memory-os" as const } };
const searchBody = z.object({ query: searchQuerySchema(), limit: z.number().int().min(1).max(100).default(10) });

export const memoryRoutes: FastifyPluginAsyncZod<{ hide?: boolean }> = async (app, { hide = false }) => {
  app.post(
    "/memories",
    {
      config: write,
      schema: {
        hide,
        summary: "Store a memory",
        tags: ["memories"],
        body: z.object({ content: text().trim().min(1).max(10_000), metadata: jsonObject().optional() }),
        response: { 201: envelope(memorySchema) },
      },
    },
    async (req, reply) => {
      const memory = await addMemory(scope(req), { content: req.body.content, metadata: req.body.metadata });
      reply.code(201);
      return ok(req, memory);
    },
  );

  app.get(
    "/memories",
    {
      config: read,
      schema: {
        hide,
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
      schema: { hide, summary: "One memory", tags: ["memories"], params: idParams, response: { 200: envelope(memorySchema) } },
    },
    async (req) => {
      const memory = await getMemory(scope(req), req.params.id);
      if (!memory) throw notFoundError();
      return ok(req, memory);
    },
  );

  app.patch(
    "/memories/:id",
    {
      config: write,
      schema: {
        hide,
        summary: "Change a memory's content or metadata",
        tags: ["memories"],
        params: idParams,
        body: z
          .object({ content: text().trim().min(1).max(10_000).optional(), metadata: jsonObject().optional() })
          .refine((b) => b.content !== undefined || b.metadata !== undefined, { error: "Send content or metadata." }),
        response: { 200: envelope(memorySchema) },
      },
    },
    async (req) => {
      const memory = await updateMemory(scope(req), req.params.id, req.body);
      if (!memory) throw notFoundError();
      return ok(req, memory);
    },
  );

  app.delete(
    "/memories/:id",
    {
      config: write,
      schema: {
        hide,
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

  for (const path of ["/memories/search", "/search"]) {
    app.post(
      path,
      {
        config: { auth: { scopes: ["search:read"], profile: "memory-os" as const } },
        schema: {
          hide,
          summary: "Search memories by text, best match first",
          tags: ["memories"],
          body: searchBody,
          response: { 200: envelope(z.array(memorySchema.extend({ score: z.number() }))) },
        },
      },
      async (req) => ok(req, await searchMemories(scope(req), req.body.query, req.body.limit)),
    );
  }
};
