import type { FastifyReply, FastifyRequest } from "fastify";
import { databaseReachable } from "../../db/reachable";
import type { Requirement } from "../../verify/verify";

/** A route's key requirement in its profile's scope words (the profile itself is added by keyAuth). */
export const needs = (...scopes: string[]): { auth: Requirement } => ({ auth: { scopes } });

/** The key of a keyed route (keyAuth has verified it before the handler runs). */
export const keyOf = (req: FastifyRequest) => req.apiKey!;

/** A page URL of this request with other query values (Mem0's `next` / `previous`). */
export function pageUrl(req: FastifyRequest, params: Record<string, string | number>): string {
  const url = new URL(req.url, `${req.protocol}://${req.host}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url.toString();
}

/** A profile's key-less health check: 200 with `ok` when the database answers, else 503. */
export async function healthAnswer(reply: FastifyReply, ok: string) {
  const reachable = await databaseReachable();
  reply.code(reachable ? 200 : 503);
  return { status: reachable ? ok : "degraded", database: reachable ? "reachable" : "unreachable" };
}
