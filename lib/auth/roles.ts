import type { MemberRole } from "@prisma/client";

const RANK: Record<MemberRole, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export function hasRole(role: MemberRole, atLeast: MemberRole): boolean {
  return RANK[role] >= RANK[atLeast];
}

export const ROLE_LABELS: Record<MemberRole, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
};
