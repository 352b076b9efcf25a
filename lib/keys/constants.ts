// Safe for client components: no Node APIs, no database.
export const ENVIRONMENTS = ["live", "test"] as const;
export type KeyEnvironment = (typeof ENVIRONMENTS)[number];

export const KEY_SORTS = ["name", "createdAt", "lastUsedAt", "expiresAt", "status", "environment"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;
