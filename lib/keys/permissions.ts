import type { MemberRole } from "@prisma/client";
import { hasRole } from "../auth/roles";

// The one statement of who may do what with keys; the service enforces it, the dashboard
// uses it to decide which buttons and scopes to show. No database, so client components
// can import it.

// VIEWER: nothing. MEMBER: keys they created. ADMIN and OWNER: every key of the organization.
export function mayManageKey(role: MemberRole, userId: string, key: { createdById: string | null }): boolean {
  return hasRole(role, "ADMIN") || (role === "MEMBER" && key.createdById === userId);
}

/** Scopes that manage the organization's keys: only an ADMIN or OWNER may put them on a key. */
const PRIVILEGED_SCOPES: readonly string[] = ["admin", "*"];

/** The scopes of `scopes` that `role` may not grant (empty when it may grant them all). */
export function scopesBeyondRole(role: MemberRole, scopes: readonly string[]): string[] {
  if (hasRole(role, "ADMIN")) return [];
  return scopes.filter((s) => PRIVILEGED_SCOPES.includes(s));
}
