import type { Plan } from "@prisma/client";

/** Per key per minute, and per organization per day (null: unlimited). */
export const PLAN_LIMITS: Record<Plan, { perMinute: number; perDay: number | null }> = {
  FREE: { perMinute: 100, perDay: 1_000 },
  PRO: { perMinute: 1_000, perDay: 100_000 },
  ENTERPRISE: { perMinute: 10_000, perDay: null },
};

/** A key's own limit never exceeds its plan's. */
export function effectivePerMinute(plan: Plan, keyLimit: number | null): number {
  const planLimit = PLAN_LIMITS[plan].perMinute;
  return keyLimit ? Math.min(keyLimit, planLimit) : planLimit;
}
