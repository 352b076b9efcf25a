import type { Plan } from "@prisma/client";
import { PROFILES, type PlanLimits, type ProfileId } from "../profiles/catalog";

/** The plan's limits in the organization's profile (Memory OS's by default). */
export function planLimits(plan: Plan, profile: ProfileId = "memory-os"): PlanLimits {
  return PROFILES[profile].plans[plan];
}

/** A key's own limit never exceeds its plan's. */
export function effectivePerMinute(plan: Plan, keyLimit: number | null, profile: ProfileId = "memory-os"): number {
  const planLimit = planLimits(plan, profile).perMinute;
  return keyLimit ? Math.min(keyLimit, planLimit) : planLimit;
}
