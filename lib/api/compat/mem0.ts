import { randomUUID } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { getKeyCreatorEmail } from "../../keys/queries";
import {
  addMemory,
  deleteMemory,
  getMemory,
  pageMemories,
  searchMemories,
  updateMemory,
  type MemoryDto,
  type MemoryFilter,
  searchQuerySchema,
} from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { ApiError, notFoundError } from "../errors";
import { memoryScope } from "../routes/memories";
import { keyOf, needs, pageUrl } from "./common";

// Mem0's hosted API as the `mem0ai` clients call it (docs/compatibility.md): `Authorization: Token`,
// `GET /v1/ping/` first, then v3 add/list/search and v1 get/update/delete.

const entity = text().max(256).optional();
const idParams = z.object({ id: recordId() });

/** Mem0's memory object. */
function mem0Memory(m: MemoryDto) {
  return {
    id: m.id,
    memory: m.content,
    user_id: m.userId,
    agent_id: m.agentId,
    app_id: (m.attributes.app_id as string | undefined) ?? null,
    run_id: (m.attributes.run_id as string | undefined) ?? null,
    metadata: m.metadata,
    categories: [],
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

/** `filters: {user_id, agent_id}`, also inside Mem0's `AND: [...]`; other filter keys are ignored. */
function filterOf(filters: Record<string, unknown> | undefined): MemoryFilter {
  const out: MemoryFilter = {};
  const parts = [filters ?? {}, ...(Array.isArray(filters?.AND) ? (filters.AND as Record<string, unknown>[]) : [])];
  for (const part of parts) {
    if (typeof part?.user_id === "string") out.userId = part.user_id;
    if (typeof part?.agent_id === "string") out.agentId = part.agent_id;
  }
  return out;
}

const message = z.object({ role: z.string().max(32), content: text().max(10_000) });

export const mem0Routes: FastifyPluginAsyncZod = async (app) => {
  // Older clients pass org_id/project_id as query parameters: they must be this key's.
  app.addHook("preHandler", async (req) => {
    const key = req.apiKey;
    const query = req.query as Record<string, unknown> | undefined;
    if (!key || !query) return;
    if (typeof query.org_id === "string" && query.org_id !== key.organizationId) throw notFoundError();
    if (typeof query.project_id === "string" && key.projectId && query.project_id !== key.projectId) throw notFoundError();
  });

  app.get("/v1/ping/", { config: needs(), schema: { hide: true } }, async (req) => {
    const key = keyOf(req);
    return { status: "ok", org_id: key.organizationId, project_id: key.projectId, user_email: await getKeyCreatorEmail(key.id) };
  });

  app.post(
    "/v3/memories/add/",
    {
      config: needs("memories:write"),
      schema: {
        hide: true,
        body: z.looseObject({
          messages: z.union([text().min(1).max(10_000), z.array(message).min(1).max(100)]),
          user_id: entity,
          agent_id: entity,
          app_id: entity,
          run_id: entity,
          metadata: jsonObject().optional(),
        }),
      },
    },
    async (req) => {
      const { messages, user_id, agent_id, app_id, run_id, metadata } = req.body;
      const list = typeof messages === "string" ? [{ role: "user", content: messages }] : messages;
      // What the user said is what is remembered (the hosted service extracts facts with a
      // model; we keep the user's words as they are).
      const said = list.filter((m) => m.role === "user" && m.content.trim());
      const contents = (said.length ? said : list.filter((m) => m.content.trim())).map((m) => m.content.trim());
      if (!contents.length) throw new ApiError("BAD_REQUEST", "Invalid body field 'messages': nothing to remember");
      const attributes = { ...(app_id ? { app_id } : {}), ...(run_id ? { run_id } : {}) };
      const results = [];
      for (const content of contents) {
        const m = await addMemory(memoryScope(req), { content, metadata, userId: user_id, agentId: agent_id, attributes });
        results.push({ id: m.id, memory: m.content, event: "ADD" });
      }
      return { status: "SUCCEEDED", event_id: randomUUID(), results };
    },
  );

  app.get("/v1/memories/:id/", { config: needs("memories:read"), schema: { hide: true, params: idParams } }, async (req) => {
    const m = await getMemory(memoryScope(req), req.params.id);
    if (!m) throw notFoundError();
    return mem0Memory(m);
  });

  app.put(
    "/v1/memories/:id/",
    {
      config: needs("memories:write"),
      schema: {
        hide: true,
        params: idParams,
        body: z.looseObject({ text: text().trim().min(1).max(10_000).optional(), metadata: jsonObject().optional() }),
      },
    },
    async (req) => {
      const m = await updateMemory(memoryScope(req), req.params.id, { content: req.body.text, metadata: req.body.metadata });
      if (!m) throw notFoundError();
      return mem0Memory(m);
    },
  );

  app.delete("/v1/memories/:id/", { config: needs("memories:write"), schema: { hide: true, params: idParams } }, async (req) => {
    if (!(await deleteMemory(memoryScope(req), req.params.id))) throw notFoundError();
    return { message: "Memory deleted successfully!" };
  });

  app.post(
    "/v3/memories/",
    {
      config: needs("memories:read"),
      schema: {
        hide: true,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          page_size: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        body: z.looseObject({ filters: jsonObject().optional() }).optional(),
      },
    },
    async (req) => {
      const { page, page_size } = req.query;
      const { rows, total } = await pageMemories(
        memoryScope(req),
        filterOf(req.body?.filters),
        (page - 1) * page_size,
        page_size,
      );
      return {
        count: total,
        next: page * page_size < total ? pageUrl(req, { page: page + 1, page_size }) : null,
        previous: page > 1 ? pageUrl(req, { page: page - 1, page_size }) : null,
        results: rows.map(mem0Memory),
      };
    },
  );

  app.post(
    "/v3/memories/search/",
    {
      config: needs("search:read"),
      schema: {
        hide: true,
        body: z.looseObject({
          query: searchQuerySchema(),
          top_k: z.number().int().min(1).max(100).default(10),
          threshold: z.number().min(0).max(1).optional(),
          filters: jsonObject().optional(),
        }),
      },
    },
    async (req) => {
      const { query, top_k, threshold, filters } = req.body;
      const found = await searchMemories(memoryScope(req), query, top_k, filterOf(filters));
      return {
        results: found
          .filter((m) => threshold === undefined || m.score >= threshold)
          .map((m) => ({ ...mem0Memory(m), score: m.score })),
      };
    },
  );
};
