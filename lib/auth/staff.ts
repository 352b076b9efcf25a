import { DomainError } from "../errors";

export type StaffRole = "SUPPORT" | "ADMIN";

/** Someone checked to hold a staff role: what every support data function takes first. */
export interface Staff {
  id: string;
  email: string;
  staffRole: StaffRole;
}

type Viewer = { id: string; email: string; staffRole: StaffRole | null } | null | undefined;

export function isStaff(viewer: Viewer, min: StaffRole = "SUPPORT"): viewer is Staff {
  return !!viewer?.staffRole && (min === "SUPPORT" || viewer.staffRole === "ADMIN");
}

/**
 * Support data functions check the caller themselves: a page or layout that forgets its own
 * check still never reaches the data (Next.js renders a page even when its layout refuses).
 * The answer is the same as for a missing record, so nothing about the data leaks.
 */
export function assertStaff(viewer: Viewer, min: StaffRole = "SUPPORT"): asserts viewer is Staff {
  if (!isStaff(viewer, min)) throw new DomainError("NOT_FOUND", "Not found.");
}
