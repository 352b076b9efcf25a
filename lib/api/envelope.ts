import type { FastifyRequest } from "fastify";
import { z } from "zod";

export function ok<T>(req: FastifyRequest, data: T, meta: Record<string, unknown> = {}) {
  return { data, meta: { request_id: req.id, ...meta } };
}

const meta = z.object({ request_id: z.string() }).passthrough();

/** Response schema of a success envelope around `data` (for the OpenAPI document). */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ data, meta });
}

export const errorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  meta,
});
