// Every error code an answer can carry, in one list: the HTTP layer maps each to a status
// (lib/api/errors.ts), and a verification answers with a subset (lib/verify/verify.ts).
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "KEY_EXPIRED"
  | "KEY_REVOKED"
  | "KEY_DISABLED"
  | "IP_NOT_ALLOWED"
  | "FORBIDDEN"
  | "ACCOUNT_SUSPENDED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "QUOTA_EXCEEDED"
  | "USAGE_EXCEEDED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_ERROR"
  // Compatibility profiles only: MemorySync's missing end user, MemLayer's memory allowance.
  | "MISSING_END_USER_ID"
  | "MEMORY_QUOTA_EXCEEDED";
