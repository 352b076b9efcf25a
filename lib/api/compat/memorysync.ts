import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findActiveProject } from "../../team/projects";
import {
  addMemory,
  deleteMemories,
  getMemory,
  pageMemories,
  searchMemories,
  type MemoryDto,
  type MemoryScope,
  searchQuerySchema,
} from "../../memories/store";
import { jsonObject, recordId, text } from "../../validation/text";
import { ApiError, notFoundError } from "../errors";
import { memoryScope } from "../routes/memories";
import { needs } from "./common";

// MemorySync as its adapters call it (docs/compatibility.md): `X-API-Key`, `X-End-User-ID` required on
// every /memory/* call made with a key, `X-Project-ID` optional. Live and test keys see
// separate memories (production and staging never cross).

const EXPORT_LIMIT = 10_000;

declare module "fastify" {
  interface FastifyRequest {
    endUser?: { userId: string; scope: MemoryScope };
  }
}

function endUserOf(req: FastifyRequest) {
  return req.endUser!;
}

function syncMemory(m: MemoryDto) {
  return {
    id: m.id,
    text: m.content,
    source: (m.attributes.source as string | undefined) ?? null,
    tags: (m.attributes.tags as string[] | undefined) ?? [],
    importance: (m.attributes.importance as number | undefined) ?? null,
    metadata: m.metadata,
    user_id: m.userId,
    project_id: m.projectId,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  const value = (Array.isArray(v) ? v[0] : v)?.trim();
  return value || undefined;
}

const idParams = z.object({ id: recordId() });

export const memorysyncRoutes: FastifyPluginAsyncZod = async (app) => {
  app.decorateRequest("endUser", undefined);
  // After the key is verified (onRequest), before the body is used.
  app.addHook("preHandler", async (req) => {
    const key = req.apiKey;
    if (!key) return;
    const userId = header(req, "x-end-user-id");
    if (!userId) throw new ApiError("MISSING_END_USER_ID", "X-End-User-ID header is required with an API key");
    if (userId.length > 256) throw new ApiError("BAD_REQUEST", "X-End-User-ID is at most 256 characters");
    const scope = memoryScope(req);
    const projectId = header(req, "x-project-id");
    if (projectId && projectId !== key.projectId) {
      // A key bound to a project stays in it; an unbound key may narrow to one of its organization's.
      if (key.projectId) throw new ApiError("FORBIDDEN", "This key is bound to another project");
      const project = await findActiveProject(key.organizationId!, projectId);
      if (!project) throw new ApiError("NOT_FOUND", "Unknown project");
      scope.projectId = project.id;
    }
    req.endUser = { userId, scope };
  });

  app.get("/memory/export", { config: needs("memories:read"), schema: { hide: true } }, async (req) => {
    const { userId, scope } = endUserOf(req);
    const { rows } = await pageMemories(scope, { userId }, 0, EXPORT_LIMIT);
    return { user_id: userId, memories: rows.map(syncMemory), generated_at: new Date().toISOString() };
  });

  app.post(
    "/memory/add",
    {
      config: needs("memories:write"),
      schema: {
        hide: true,
        body: z.looseObject({
          text: text().trim().min(1).max(10_000),
          source: text().max(256).optional(),
          tags: z.array(text().max(64)).max(50).optional(),
          importance: z.number().min(0).max(1).optional(),
          metadata: jsonObject().optional(),
        }),
      },
    },
    async (req, reply) => {
      const { userId, scope } = endUserOf(req);
      const { text: content, source, tags, importance, metadata } = req.body;
      const m = await addMemory(scope, { content, metadata, userId, attributes: { source, tags, importance } });
      reply.code(201);
      return syncMemory(m);
    },
  );

  app.post(
    "/memory/query",
    {
      config: needs("search:read"),
      schema: {
        hide: true,
        body: z.looseObject({
          query: searchQuerySchema(),
          k: z.number().int().min(1).max(100).default(5),
          filters: jsonObject().optional(),
        }),
      },
    },
    async (req) => {
      const started = performance.now();
      const { userId, scope } = endUserOf(req);
      const found = await searchMemories(scope, req.body.query, req.body.k, { userId });
      return {
        memories: found.map((m) => ({ ...syncMemory(m), score: m.score })),
        latency_ms: Math.round(performance.now() - started),
      };
    },
  );

  app.get("/memory/:id", { config: needs("memories:read"), schema: { hide: true, params: idParams } }, async (req) => {
    const { userId, scope } = endUserOf(req);
    const m = await getMemory(scope, req.params.id, { userId });
    if (!m) throw notFoundError();
    return syncMemory(m);
  });

  app.delete(
    "/memory/forget",
    {
      config: needs("memories:write"),
      schema: { hide: true, body: z.object({ memory_ids: z.array(recordId()).min(1).max(1000) }) },
    },
    async (req) => {
      const { userId, scope } = endUserOf(req);
      // Only this end user's memories: another user's id counts as not found.
      const deleted = await deleteMemories(scope, req.body.memory_ids, { userId });
      return { deleted, count: deleted.length };
    },
  );
};
