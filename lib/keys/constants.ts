// Safe for client components: no Node APIs, no database.
export const ENVIRONMENTS = ["live", "test"] as const;
export type KeyEnvironment = (typeof ENVIRONMENTS)[number];

export const KEY_SORTS = ["name", "createdAt", "lastUsedAt", "expiresAt", "status", "environment"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** The create and edit dialogs' expiry choices. */
export const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "date", label: "On a date" },
] as const;

/** The rotate dialog's grace windows. */
export const GRACE_CHOICES = [
  { value: 0, label: "None: the old key stops now" },
  { value: 3600, label: "1 hour" },
  { value: 86_400, label: "24 hours" },
  { value: 604_800, label: "7 days" },
] as const;
