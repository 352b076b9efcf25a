import { randomBytes } from "node:crypto";

export const PASSWORD = "e2e passphrase that is long";
/** Written by e2e/auth.setup.ts: the owner every test starts signed in as. */
export const OWNER_STATE = "e2e/.auth/owner.json";
export const OWNER_META = "e2e/.auth/owner-meta.json";

export function uniqueEmail(): string {
  return `e2e-${randomBytes(5).toString("hex")}@example.test`;
}
