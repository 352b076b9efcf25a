import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { planLimits } from "../../keys/plans";
import {
  addMemory,
  countMemories,
  deleteMemory,
  pageMemories,
  searchMemories,
  type MemoryDto,
  searchQuerySchema,
} from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { ApiError, notFoundError } from "../errors";
import { memoryScope } from "../routes/memories";
import { healthAnswer, keyOf, needs } from "./common";

// MemLayer as its Python SDK calls it (docs/compatibility.md): `X-API-Key` only, memories always named
// by user and agent, every memory object with id, content, user_id, agent_id, memory_type
// and created_at. The free plan holds 500 memories (402 past it).

const idParams = z.object({ id: recordId() });
const name = text().trim().min(1).max(256);

function layerMemory(m: MemoryDto) {
  return {
    id: m.id,
    content: m.content,
    user_id: m.userId,
    agent_id: m.agentId,
    memory_type: (m.attributes.memory_type as string | undefined) ?? "semantic",
    importance: (m.attributes.importance as number | undefined) ?? null,
    ttl_days: (m.attributes.ttl_days as number | undefined) ?? null,
    metadata: m.metadata,
    created_at: m.createdAt,
  };
}

export const memlayerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/health", { schema: { hide: true } }, (_req, reply) => healthAnswer(reply, "ok"));

  app.post(
    "/memories",
    {
      config: needs("memories:write"),
      schema: {
        hide: true,
        body: z.looseObject({
          content: text().trim().min(1).max(10_000),
          user_id: name,
          agent_id: name,
          memory_type: text().trim().min(1).max(64).default("semantic"),
          metadata: jsonObject().optional(),
          importance: z.number().min(0).max(1).optional(),
          ttl_days: z.number().int().min(1).max(36_500).optional(),
        }),
      },
    },
    async (req) => {
      const key = keyOf(req);
      const scope = memoryScope(req);
      const allowance = planLimits(key.plan!, key.profile).memories;
      if (allowance !== null && (await countMemories({ ...scope, projectId: null })) >= allowance) {
        throw new ApiError("MEMORY_QUOTA_EXCEEDED", `Plan limit reached: your plan holds ${allowance} memories`);
      }
      const { content, user_id, agent_id, memory_type, metadata, importance, ttl_days } = req.body;
      const m = await addMemory(scope, {
        content,
        metadata,
        userId: user_id,
        agentId: agent_id,
        attributes: { memory_type, importance, ttl_days },
      });
      return { id: m.id, message: "Memory stored" };
    },
  );

  app.get(
    "/memories/search",
    {
      config: needs("search:read"),
      schema: {
        hide: true,
        querystring: z.object({
          query: searchQuerySchema(),
          user_id: name.optional(),
          agent_id: name.optional(),
          top_k: z.coerce.number().int().min(1).max(100).default(5),
          min_score: z.coerce.number().min(0).max(1).default(0),
        }),
      },
    },
    async (req) => {
      const { query, user_id, agent_id, top_k, min_score } = req.query;
      const found = await searchMemories(memoryScope(req), query, top_k, { userId: user_id, agentId: agent_id });
      return { memories: found.filter((m) => m.score >= min_score).map((m) => ({ ...layerMemory(m), score: m.score })) };
    },
  );

  app.get(
    "/memories",
    {
      config: needs("memories:read"),
      schema: {
        hide: true,
        querystring: z.object({
          user_id: name.optional(),
          agent_id: name.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
    },
    async (req) => {
      const { user_id, agent_id, limit, offset } = req.query;
      const { rows, total } = await pageMemories(memoryScope(req), { userId: user_id, agentId: agent_id }, offset, limit);
      return { memories: rows.map(layerMemory), total, limit, offset };
    },
  );

  app.delete(
    "/memories/:id",
    {
      config: needs("memories:write"),
      schema: { hide: true, params: idParams, querystring: z.object({ user_id: name.optional(), agent_id: name.optional() }) },
    },
    async (req) => {
      const { user_id, agent_id } = req.query;
      if (!(await deleteMemory(memoryScope(req), req.params.id, { userId: user_id, agentId: agent_id }))) throw notFoundError();
      return { deleted: true, message: "Memory deleted" };
    },
  );
};
