import type { ProfileId } from "../../profiles/catalog";
import type { ApiError } from "../errors";

// Each profile's clients read errors from their own fields (docs/compatibility.md): Memory OS the
// envelope, Mem0/MemorySync/MemLayer `detail`, MemoryRelay `{type, message, code}` (and its
// SDKs `error` or `detail`). One ApiError, rendered per profile; the request id is also in
// the X-Request-ID header everywhere.

const RELAY_TYPES: Record<number, string> = {
  400: "validation_error",
  401: "authentication_error",
  402: "payment_required_error",
  403: "authorization_error",
  404: "not_found_error",
  409: "conflict_error",
  413: "request_too_large_error",
  429: "rate_limit_error",
  503: "service_unavailable_error",
};

/** The status and body of an error in the profile's shape. */
export function errorResponse(profile: ProfileId, err: ApiError, requestId: string): { status: number; body: object } {
  // MemLayer's clients know a plan limit as 402, not 429.
  const status = profile === "memlayer" && err.code === "QUOTA_EXCEEDED" ? 402 : err.status;
  switch (profile) {
    case "memory-os":
      return { status, body: { error: { code: err.code, message: err.message }, meta: { request_id: requestId } } };
    case "memoryrelay":
      return {
        status,
        body: {
          type: RELAY_TYPES[status] ?? "api_error",
          message: err.message,
          code: status,
          request_id: requestId,
          error: err.message,
          detail: err.message,
          error_code: err.code,
        },
      };
    case "mem0":
    case "memorysync":
    case "memlayer":
      return { status, body: { detail: err.message, code: err.code, request_id: requestId } };
  }
}

/** Which profile's routes a URL belongs to (/compat/<profile>/…; everything else is /api/v1, Memory OS). */
export function profileOfUrl(url: string, enabled: readonly ProfileId[]): ProfileId {
  if (!url.startsWith("/compat/")) return "memory-os";
  const name = url.slice("/compat/".length).split(/[/?]/, 1)[0];
  return enabled.find((id) => id === name) ?? "memory-os";
}
