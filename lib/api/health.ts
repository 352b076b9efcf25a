import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { databaseReachable } from "../db/reachable";
import { envelope } from "./envelope";
import { ok } from "./envelope";

const healthSchema = z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["reachable", "unreachable"]) });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    {
      schema: {
        summary: "Service health and database reachability (no key needed)",
        tags: ["health"],
        response: { 200: envelope(healthSchema), 503: envelope(healthSchema) },
      },
    },
    async (req, reply) => {
      const reachable = await databaseReachable();
      reply.code(reachable ? 200 : 503);
      return ok(req, { status: reachable ? "ok" : "degraded", database: reachable ? "reachable" : "unreachable" } as const);
    },
  );
};
