import { randomBytes } from "node:crypto";
import { db } from "./db/client";
import { isUniqueViolation } from "./db/errors";
import { hashPassword } from "./auth/password";
import { createOrganization } from "./orgs/create-organization";
import { recordAudit } from "./audit/record";

export interface SeededAccount {
  email: string;
  password: string;
  role: string;
}

function randomPassword(): string {
  return randomBytes(15).toString("base64url"); // 20 characters, about 120 bits
}

/**
 * On an empty database: one organization with its owner, and one support staff user.
 * Returns their credentials (to print once), or null when users already exist.
 */
export async function seedIfEmpty(): Promise<SeededAccount[] | null> {
  if ((await db().user.count()) > 0) return null;
  const owner = { email: "owner@keyhouse.local", password: randomPassword(), role: "OWNER of organization 'acme'" };
  const staff = { email: "support@keyhouse.local", password: randomPassword(), role: "staff (SUPPORT)" };
  const [ownerHash, staffHash] = await Promise.all([hashPassword(owner.password), hashPassword(staff.password)]);
  try {
    await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: owner.email, name: "Acme Owner", passwordHash: ownerHash } });
      const org = await createOrganization(tx, { name: "Acme", slug: "acme", ownerId: user.id });
      await tx.user.create({ data: { email: staff.email, name: "Support", passwordHash: staffHash, staffRole: "SUPPORT" } });
      await recordAudit(
        {
          actor: { type: "system", label: "seed" },
          action: "org.created",
          organizationId: org.id,
          target: { type: "organization", id: org.id },
        },
        tx,
      );
    });
  } catch (err) {
    // Several instances started at once on an empty database: one seeded it first.
    if (isUniqueViolation(err)) return null;
    throw err;
  }
  return [owner, staff];
}

export function formatSeededAccounts(accounts: SeededAccount[]): string {
  const lines = accounts.map((a) => `  ${a.role.padEnd(30)} ${a.email}  password: ${a.password}`);
  return ["", "First start: seeded accounts (shown once, store them now):", ...lines, ""].join("\n");
}
