export const SCOPE_CATALOG = [
  { scope: "memories:read", description: "Read memories" },
  { scope: "memories:write", description: "Create and delete memories" },
  { scope: "search:read", description: "Search memories" },
  { scope: "admin", description: "Manage this organization's keys through the API" },
  { scope: "*", description: "Everything" },
] as const;

export type Scope = (typeof SCOPE_CATALOG)[number]["scope"];
export const CUSTOMER_SCOPES: readonly string[] = SCOPE_CATALOG.map((s) => s.scope);
export const DEFAULT_SCOPES: readonly Scope[] = ["memories:read", "memories:write", "search:read"];
/** Root keys (owned by the deployment, not an organization) carry this and nothing else. */
export const ROOT_SCOPE = "keys:verify";

/** Exact match; `*` grants every scope. `keys:read` never grants `keys:readwrite`. */
export function hasScope(granted: readonly string[], required: string): boolean {
  return granted.includes("*") || granted.includes(required);
}
