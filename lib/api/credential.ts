import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./errors";

/**
 * The presented key, from `Authorization: Bearer|Token <key>` or `X-API-Key: <key>`.
 * Two different keys in one request are a 400, never a silent pick.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  let fromAuthorization: string | undefined;
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^(Bearer|Token)(?:\s+(\S*))?\s*$/i.exec(authorization);
    if (!match) throw new ApiError("UNAUTHORIZED", "Authorization must be 'Bearer <key>' or 'Token <key>'");
    fromAuthorization = match[2] ?? "";
  }
  const header = headers["x-api-key"];
  const fromHeader = Array.isArray(header) ? header : header !== undefined ? [header] : [];
  const candidates = [fromAuthorization, ...fromHeader.map((h) => h.trim())].filter((k): k is string => k !== undefined);
  const distinct = new Set(candidates);
  if (distinct.size > 1) throw new ApiError("BAD_REQUEST", "Two different API keys in one request; send exactly one");
  return candidates[0] || undefined;
}
