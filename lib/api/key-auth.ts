import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PROFILES, type Credential, type ProfileId } from "../profiles/catalog";
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

/** Appends the key's rate-limit headers to a [name, value, …] list. */
export function rateLimitHeaders(result: VerifyResult, list: (string | number)[]): void {
  if (result.ratelimit) {
    list.push("X-RateLimit-Limit", result.ratelimit.limit, "X-RateLimit-Remaining", result.ratelimit.remaining, "X-RateLimit-Reset", result.ratelimit.reset);
  }
  if (result.retryAfter) list.push("Retry-After", result.retryAfter);
}

/** The key's rate-limit headers, on the response itself (Fastify's reply adds its own to them). */
function setRateLimitHeaders(res: ServerResponse, result: VerifyResult): void {
  const list: (string | number)[] = [];
  rateLimitHeaders(result, list);
  for (let i = 0; i < list.length; i += 2) res.setHeader(list[i] as string, list[i + 1]);
}

/** Verifies the key a request presents (with the headers `credential` names) against `requirement`. */
export function verifyRequestKey(req: IncomingMessage, requirement: Requirement, credential: Credential): VerifyResult | Promise<VerifyResult> {
  const client = { ip: requestClientIp(req), userAgent: req.headers["user-agent"] };
  return verifyKey(presentedKey(req.headers, credential), requirement, client);
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
    const result = await verifyRequestKey(req.raw, requirementOf(auth), credential);
    setRateLimitHeaders(reply.raw, result);
    if (result.code !== "VALID") throw new ApiError(result.code, result.message);
    req.apiKey = result.key;
  });
});
