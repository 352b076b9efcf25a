import { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { withDeadline } from "../db/deadline";

// Credits are spent in the database, so N concurrent requests against C credits spend exactly
// C, on one instance or on many (they share the database). Requests are grouped: while one
// statement is on its way, the requests that arrive (for any key) queue, and the next
// statement spends for all of them at once: each owner's row locked (in id order, so two
// instances never deadlock), its balance read, and the longest run of its requests that fits
// admitted, in arrival order. One statement per database round trip rather than one per
// request. A due refill (a new UTC day or month since the last) happens in the same
// statement. Only keys with credits pay for this; every other key stays in memory.

export interface CreditSpend {
  /** Whether the request could pay its cost. */
  spent: boolean;
  /** Credits left after this request (or as they are, when it could not pay); null when the owner no longer has credits. */
  remaining: number | null;
}

/** Whose credits: a key's own, or its identity's (shared by all the identity's keys). */
export type CreditOwner = { table: "ApiKey" | "Identity"; id: string };

/** The owner's table as SQL (one of two fixed names, never input). */
export const creditTable = (table: CreditOwner["table"]) => Prisma.raw(table === "Identity" ? '"Identity"' : '"ApiKey"');

interface Waiting {
  id: string;
  cost: number;
  resolve: (spend: CreditSpend) => void;
  reject: (err: unknown) => void;
  /** Answered 503 before its statement was sent: it is not sent. */
  late?: boolean;
}

const MAX_BATCH = 2000;
const queues = { ApiKey: [] as Waiting[], Identity: [] as Waiting[] };
const draining = { ApiKey: false, Identity: false };

/** Spends `cost` of the owner's credits, refilling first when a refill is due. */
export function spendCredits(owner: CreditOwner, cost: number): Promise<CreditSpend> {
  let waiting: Waiting | undefined;
  const spent = new Promise<CreditSpend>((resolve, reject) => {
    waiting = { id: owner.id, cost, resolve, reject };
    queues[owner.table].push(waiting);
    if (!draining[owner.table]) void drain(owner.table);
  });
  // A request in a statement the database answers after the deadline may still be charged.
  return withDeadline(spent, "spending credits", () => (waiting!.late = true));
}

// Spends for the table's queue, batch after batch, until no request is waiting.
async function drain(table: CreditOwner["table"]) {
  draining[table] = true;
  const queue = queues[table];
  while (queue.length) {
    const batch = queue.splice(0, MAX_BATCH).filter((w) => !w.late);
    if (!batch.length) continue;
    try {
      const spends = await spendBatch(table, batch);
      batch.forEach((w, i) => w.resolve(spends[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
  draining[table] = false;
}

async function spendBatch(tableName: CreditOwner["table"], batch: Waiting[]): Promise<CreditSpend[]> {
  const table = creditTable(tableName);
  // Each request's running total within its owner: it is admitted when everything up to it fits.
  const sums = new Map<string, number>();
  const totals = batch.map((w) => {
    const total = (sums.get(w.id) ?? 0) + w.cost;
    sums.set(w.id, total);
    return total;
  });
  const due = Prisma.sql`("creditRefillInterval" = 'daily' AND ("creditsRefilledAt" IS NULL OR date_trunc('day', "creditsRefilledAt") < date_trunc('day', now() AT TIME ZONE 'UTC')))
    OR ("creditRefillInterval" = 'monthly' AND ("creditsRefilledAt" IS NULL OR date_trunc('month', "creditsRefilledAt") < date_trunc('month', now() AT TIME ZONE 'UTC')))`;
  // FOR UPDATE: a balance is read after any concurrent spend commits (another instance's).
  const rows = await db().$queryRaw<{ id: string; before: number }[]>`
    WITH req AS (
      SELECT * FROM unnest(${batch.map((w) => w.id)}::text[], ${totals}::bigint[]) AS r(id, total)
    ), locked AS (
      SELECT "id", CASE WHEN ${due} THEN "creditRefillAmount" ELSE "credits" END AS balance, (${due}) AS refill
      FROM ${table} WHERE "id" IN (SELECT id FROM req) AND "credits" IS NOT NULL ORDER BY "id" FOR UPDATE
    ), spend AS (
      SELECT l."id", l.balance, l.refill,
        COALESCE((SELECT MAX(req.total) FROM req WHERE req.id = l."id" AND req.total <= l.balance), 0) AS spent
      FROM locked l
    )
    UPDATE ${table} AS o SET
      "credits" = spend.balance - spend.spent,
      "creditsRefilledAt" = CASE WHEN spend.refill THEN now() AT TIME ZONE 'UTC' ELSE o."creditsRefilledAt" END
    FROM spend WHERE o."id" = spend."id"
    RETURNING o."id" AS id, spend.balance::int AS before`;
  const before = new Map(rows.map((r) => [r.id, Number(r.before)]));
  // What each owner spent in this statement: its admitted requests' last running total.
  const spent = new Map<string, number>();
  batch.forEach((w, i) => {
    if (totals[i] <= (before.get(w.id) ?? -1)) spent.set(w.id, totals[i]);
  });
  return batch.map((w, i) => {
    const balance = before.get(w.id);
    // No row: the owner's credits were removed meanwhile (unlimited now).
    if (balance === undefined) return { spent: true, remaining: null };
    if (totals[i] <= balance) return { spent: true, remaining: balance - totals[i] };
    return { spent: false, remaining: balance - (spent.get(w.id) ?? 0) };
  });
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
