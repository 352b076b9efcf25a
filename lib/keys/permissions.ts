import type { MemberRole } from "@prisma/client";
import { hasRole } from "../auth/roles";

// The one statement of who may change which key; the service enforces it, the keys table
// uses it to decide which buttons to show. No database, so client components can import it.
// VIEWER: nothing. MEMBER: keys they created. ADMIN and OWNER: every key of the organization.
export function mayManageKey(role: MemberRole, userId: string, key: { createdById: string | null }): boolean {
  return hasRole(role, "ADMIN") || (role === "MEMBER" && key.createdById === userId);
}
