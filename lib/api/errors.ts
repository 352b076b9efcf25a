import type { ErrorCode } from "../error-codes";

export type ApiErrorCode = ErrorCode;

const STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  KEY_EXPIRED: 401,
  KEY_REVOKED: 401,
  KEY_DISABLED: 401,
  IP_NOT_ALLOWED: 403,
  FORBIDDEN: 403,
  ACCOUNT_SUSPENDED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  USAGE_EXCEEDED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  MISSING_END_USER_ID: 400,
  MEMORY_QUOTA_EXCEEDED: 402,
};

/** The one error type of the HTTP API; lib/api/app.ts turns it into the envelope. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }
}

export const notFoundError = () => new ApiError("NOT_FOUND", "Not found");
