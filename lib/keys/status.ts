export const KEY_STATUSES = ["active", "expired", "revoked", "rotating"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/**
 * A rotated key's revokedAt is the end of its grace window: in the future it is
 * "rotating" (still accepted), in the past "revoked".
 */
export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (key.revokedAt) return key.revokedAt > now ? "rotating" : "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}
