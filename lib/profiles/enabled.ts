import { z } from "zod";
import { DEFAULT_PROFILE, isProfileId, PROFILE_IDS, PROFILES, type ProfileId, type ProfileInfo } from "./catalog";

let enabled: ProfileInfo[] | undefined;

/**
 * KEYHOUSE_PROFILES: a comma-separated list of the profiles this deployment serves (default
 * all). Memory OS is always on: /api/v1 is its contract. An unknown name stops start-up.
 */
export function parseProfileList(value: string | undefined): ProfileId[] {
  if (value === undefined || value.trim() === "") return [...PROFILE_IDS];
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isProfileId(n));
  if (unknown.length) {
    throw new Error(
      `KEYHOUSE_PROFILES: unknown profile ${unknown.map((n) => `"${n}"`).join(", ")}; known: ${PROFILE_IDS.join(", ")}`,
    );
  }
  return PROFILE_IDS.filter((id) => id === DEFAULT_PROFILE || names.includes(id));
}

/** The profiles this deployment serves, read once. */
export function enabledProfiles(): ProfileInfo[] {
  return (enabled ??= parseProfileList(process.env.KEYHOUSE_PROFILES).map((id) => PROFILES[id]));
}

export function isProfileEnabled(id: string): boolean {
  return enabledProfiles().some((p) => p.id === id);
}

/** A new organization's profile in a form: one this deployment serves (default Memory OS). */
export const newOrganizationProfileSchema = z
  .enum(PROFILE_IDS, { error: "Choose an API profile." })
  .refine(isProfileEnabled, { error: "This API profile is not offered here." })
  .default(DEFAULT_PROFILE);
