import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { PROFILES, type ProfileId } from "../profiles/catalog";
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

/**
 * One hook for every keyed route: verification, rate-limit headers, the error envelope.
 * Registered once for /api/v1 (any profile's keys unless a route names one) and once per
 * compatibility profile (its keys only, from its clients' headers).
 */
export const keyAuth = fp<{ profile?: ProfileId }>(async (app: FastifyInstance, { profile }) => {
  const credential = PROFILES[profile ?? "memory-os"].credential;
  // Built once per route, not per request.
  const requirements = new WeakMap<Requirement, Requirement>();
  const requirementOf = (auth: Requirement) => {
    if (!profile) return auth;
    let scoped = requirements.get(auth);
    if (!scoped) requirements.set(auth, (scoped = { ...auth, profile }));
    return scoped;
  };

  // onRequest: a request without a valid key is refused before its body is read.
  app.addHook("onRequest", async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.routeOptions.config.auth;
    if (!auth) return;
    const client = { ip: requestClientIp(req.raw), userAgent: req.headers["user-agent"] };
    const result = await verifyKey(presentedKey(req.headers, credential), requirementOf(auth), client);
    setRateLimitHeaders(reply, result);
    if (result.code !== "VALID") throw new ApiError(result.code, result.message);
    req.apiKey = result.key;
  });
});
