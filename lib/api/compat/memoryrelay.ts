import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addMemory,
  deleteMemory,
  getMemory,
  memoriesByAgent,
  pageMemories,
  searchMemories,
  type MemoryDto,
  searchQuerySchema,
} from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { notFoundError } from "../errors";
import { memoryScope } from "../routes/memories";
import { healthAnswer, needs } from "./common";

// MemoryRelay as its SDKs and MCP server call it (docs/compatibility.md): Bearer or X-API-Key, scopes
// read/write/delete/admin, `{data, has_more, ...}` lists, a JSON body on every 2xx.

const idParams = z.object({ id: recordId() });
const agent = text().trim().min(1).max(256);

function relayMemory(m: MemoryDto) {
  return {
    id: m.id,
    content: m.content,
    agent_id: m.agentId,
    user_id: m.userId,
    metadata: m.metadata,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export const memoryrelayRoutes: FastifyPluginAsyncZod = async (app) => {
  // Clients "validate" with this; it needs no key.
  app.get("/v1/health", { schema: { hide: true } }, (_req, reply) => healthAnswer(reply, "healthy"));

  app.post(
    "/v1/memories",
    {
      config: needs("write"),
      schema: {
        hide: true,
        body: z.looseObject({
          content: text().trim().min(1).max(10_000),
          agent_id: agent,
          user_id: text().max(256).optional(),
          metadata: jsonObject().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { content, agent_id, user_id, metadata } = req.body;
      const m = await addMemory(memoryScope(req), { content, metadata, agentId: agent_id, userId: user_id });
      reply.code(201);
      return relayMemory(m);
    },
  );

  app.get(
    "/v1/memories",
    {
      config: needs("read"),
      schema: {
        hide: true,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          agent_id: agent.optional(),
          user_id: text().max(256).optional(),
        }),
      },
    },
    async (req) => {
      const { limit, offset, agent_id, user_id } = req.query;
      const { rows, total } = await pageMemories(memoryScope(req), { agentId: agent_id, userId: user_id }, offset, limit);
      return { data: rows.map(relayMemory), has_more: offset + rows.length < total, total_count: total, next_cursor: null };
    },
  );

  app.get("/v1/memories/:id", { config: needs("read"), schema: { hide: true, params: idParams } }, async (req) => {
    const m = await getMemory(memoryScope(req), req.params.id);
    if (!m) throw notFoundError();
    return relayMemory(m);
  });

  app.delete("/v1/memories/:id", { config: needs("delete"), schema: { hide: true, params: idParams } }, async (req) => {
    if (!(await deleteMemory(memoryScope(req), req.params.id))) throw notFoundError();
    return { id: req.params.id, deleted: true };
  });

  app.post(
    "/v1/memories/search",
    {
      config: needs("read"),
      schema: {
        hide: true,
        body: z.looseObject({
          query: searchQuerySchema(),
          agent_id: agent.optional(),
          limit: z.number().int().min(1).max(100).default(10),
          threshold: z.number().min(0).max(1).optional(),
        }),
      },
    },
    async (req) => {
      const { query, agent_id, limit, threshold } = req.body;
      const found = await searchMemories(memoryScope(req), query, limit, { agentId: agent_id });
      return {
        data: found
          .filter((m) => threshold === undefined || m.score >= threshold)
          .map((m) => ({ memory: relayMemory(m), score: m.score })),
      };
    },
  );

  // The agents the key's memories name, as `GET /v1/agents` lists them.
  app.get("/v1/agents", { config: needs("read"), schema: { hide: true } }, async (req) => {
    const agents = await memoriesByAgent(memoryScope(req));
    return { data: agents.map((a) => ({ id: a.agentId, name: a.agentId, memory_count: a.memories })) };
  });
};
