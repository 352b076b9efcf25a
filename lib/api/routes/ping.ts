import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ENVIRONMENTS } from "../../keys/constants";
import type { KeyRecord } from "../../verify/cache";
import { envelope, ok } from "../envelope";

export const pingSchema = z.object({
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  keyId: z.string(),
  scopes: z.array(z.string()),
  environment: z.enum(ENVIRONMENTS),
  metadata: z.record(z.string(), z.unknown()),
});

export const pingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/ping",
    {
      config: { auth: {} },
      schema: {
        summary: "Check a key: who it belongs to and what it may do",
        tags: ["keys"],
        response: { 200: envelope(pingSchema) },
      },
    },
    async (req) => ok(req, pingAnswer(req.apiKey!)),
  );
};

/** Who a key belongs to and what it may do (also served by lib/api/fast-routes.ts). */
export function pingAnswer(key: KeyRecord) {
  return {
    organization: key.organization!,
    project: key.project ? { id: key.project.id, name: key.project.name } : null,
    keyId: key.id,
    scopes: key.scopes,
    environment: key.environment,
    metadata: key.metadata,
  };
}
