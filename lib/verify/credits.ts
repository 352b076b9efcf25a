import { Prisma } from "@prisma/client";
import { db } from "../db/client";

// Credits are spent in the database, in one conditional UPDATE per request: N concurrent
// requests against C credits spend exactly C, on one instance or on many (they share the
// database). A due refill (a new UTC day or month since the last) happens in the same
// statement. Only keys with credits pay for this write; every other key stays in memory.

export interface CreditSpend {
  /** Whether the request could pay its cost. */
  spent: boolean;
  /** Credits left after this request (or as they are, when it could not pay). */
  remaining: number;
}

/** Whose credits: a key's own, or its identity's (shared by all the identity's keys). */
export type CreditOwner = { table: "ApiKey" | "Identity"; id: string };

/** Spends `cost` of the owner's credits, refilling first when a refill is due. */
export async function spendCredits(owner: CreditOwner, cost: number): Promise<CreditSpend> {
  const table = Prisma.raw(owner.table === "Identity" ? '"Identity"' : '"ApiKey"');
  const due = Prisma.sql`("creditRefillInterval" = 'daily' AND ("creditsRefilledAt" IS NULL OR date_trunc('day', "creditsRefilledAt") < date_trunc('day', now() AT TIME ZONE 'UTC')))
    OR ("creditRefillInterval" = 'monthly' AND ("creditsRefilledAt" IS NULL OR date_trunc('month', "creditsRefilledAt") < date_trunc('month', now() AT TIME ZONE 'UTC')))`;
  const balance = Prisma.sql`CASE WHEN ${due} THEN "creditRefillAmount" ELSE "credits" END`;
  const spent = await db().$queryRaw<{ credits: number }[]>`
    UPDATE ${table} SET
      "credits" = ${balance} - ${cost},
      "creditsRefilledAt" = CASE WHEN ${due} THEN now() AT TIME ZONE 'UTC' ELSE "creditsRefilledAt" END
    WHERE "id" = ${owner.id} AND "credits" IS NOT NULL AND ${balance} >= ${cost}
    RETURNING "credits"`;
  if (spent.length) return { spent: true, remaining: spent[0].credits };
  const [row] = await db().$queryRaw<{ credits: number | null }[]>`SELECT "credits" FROM ${table} WHERE "id" = ${owner.id}`;
  return { spent: false, remaining: row?.credits ?? 0 };
}

/** Seconds until the next refill (start of the next UTC day or month); null without refills. */
export function secondsUntilRefill(interval: string | null, now = Date.now()): number | null {
  if (interval !== "daily" && interval !== "monthly") return null;
  const d = new Date(now);
  const next =
    interval === "daily"
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Math.max(1, Math.ceil((next - now) / 1000));
}

/** The columns that set credits and their refill (keys and identities alike); absent fields stay as they are. */
export function creditColumns(
  credits: number | null | undefined,
  creditRefill: { amount: number; interval: "daily" | "monthly" } | null | undefined,
) {
  return {
    // Setting credits starts the refill period now; removing them removes the refill.
    ...(credits !== undefined ? { credits, creditsRefilledAt: credits === null ? null : new Date() } : {}),
    ...(credits === null ? { creditRefillAmount: null, creditRefillInterval: null } : {}),
    ...(creditRefill !== undefined
      ? { creditRefillAmount: creditRefill?.amount ?? null, creditRefillInterval: creditRefill?.interval ?? null }
      : {}),
  };
}
