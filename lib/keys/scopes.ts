import { PROFILE_IDS, PROFILES } from "../profiles/catalog";

/** Every scope word of every profile; a key's scopes are checked against its own profile's in lib/keys/service.ts. */
export const CUSTOMER_SCOPES: readonly string[] = [...new Set(PROFILE_IDS.flatMap((id) => PROFILES[id].scopes.map((s) => s.scope)))];
export const DEFAULT_SCOPES: readonly string[] = PROFILES["memory-os"].defaultScopes;
/** Root keys (owned by the deployment, not an organization) carry this and nothing else. */
export const ROOT_SCOPE = "keys:verify";
