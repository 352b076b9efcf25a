import type { IncomingHttpHeaders } from "node:http";
import { PROFILES, type Credential } from "../profiles/catalog";
import { ApiError } from "./errors";

const AUTHORIZATION = /^(\S+)(?:\s+(\S*))?\s*$/;

/**
 * The presented key, from the headers the profile's clients use (/api/v1: `Authorization:
 * Bearer|Token <key>` or `X-API-Key: <key>`). Two different keys in one request are a 400,
 * never a silent pick.
 */
export function presentedKey(headers: IncomingHttpHeaders, accepted: Credential = PROFILES["memory-os"].credential): string | undefined {
  let fromAuthorization: string | undefined;
  const authorization = headers.authorization;
  if (authorization !== undefined && accepted.schemes.length) {
    const match = AUTHORIZATION.exec(authorization);
    const scheme = match && accepted.schemes.find((s) => s.toLowerCase() === match[1].toLowerCase());
    if (!scheme) throw new ApiError("UNAUTHORIZED", `Authorization must be ${accepted.schemes.map((s) => `'${s} <key>'`).join(" or ")}`);
    fromAuthorization = match[2] ?? "";
  }
  const header = accepted.apiKeyHeader ? headers["x-api-key"] : undefined;
  if (header === undefined) return fromAuthorization || undefined;
  // Every keyed request passes here: the same key in several places is one key, compared as it is read (no set per request).
  let key = fromAuthorization;
  for (const sent of Array.isArray(header) ? header : [header]) {
    const candidate = sent.trim();
    if (key === undefined) key = candidate;
    else if (candidate !== key) throw new ApiError("BAD_REQUEST", "Two different API keys in one request; send exactly one");
  }
  return key || undefined;
}
