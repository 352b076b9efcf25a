import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { KeyRecord } from "../verify/cache";
import { verifyKey, type Requirement, type VerifyResult } from "../verify/verify";
import { requestClientIp } from "../http/client-ip";
import { presentedKey } from "./credential";
import { ApiError } from "./errors";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Key requirement of a route; routes without one need no key. */
    auth?: Requirement;
  }
  interface FastifyRequest {
    apiKey?: KeyRecord;
  }
}

function setRateLimitHeaders(reply: FastifyReply, result: VerifyResult): void {
  if (result.ratelimit) {
    reply.header("X-RateLimit-Limit", result.ratelimit.limit);
    reply.header("X-RateLimit-Remaining", result.ratelimit.remaining);
    reply.header("X-RateLimit-Reset", result.ratelimit.reset);
  }
  if (result.retryAfter) reply.header("Retry-After", result.retryAfter);
}

async function authenticate(req: FastifyRequest, reply: FastifyReply) {
  const requirement = req.routeOptions.config.auth;
  if (!requirement) return;
  const client = { ip: requestClientIp(req.raw), userAgent: req.headers["user-agent"] };
  const result = await verifyKey(presentedKey(req.headers), requirement, client);
  setRateLimitHeaders(reply, result);
  if (result.code !== "VALID") throw new ApiError(result.code, result.message);
  req.apiKey = result.key;
}

/** One hook for every keyed route: verification, rate-limit headers, the error envelope. */
export const keyAuth = fp(async (app: FastifyInstance) => {
  app.decorateRequest("apiKey", undefined);
  // onRequest: a request without a valid key is refused before its body is read.
  app.addHook("onRequest", authenticate);
});
