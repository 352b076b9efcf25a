import { db } from "../db/client";
import { countWriteBackFailure } from "../metrics/metrics";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { onShutdown } from "../server/shutdown";
import { creditTable, type CreditOwner, type CreditSpend } from "./credits";
import { withDeadline } from "../db/deadline";

// Credits held in this process, for a deployment of one instance (the embedded database, or
// KEYHOUSE_SINGLE_INSTANCE=true): a balance is read from the database once, spent here
// synchronously (N concurrent requests against C credits spend exactly C: one thread), and
// written back every half second and at shutdown, as "minus what was spent" so an edit made
// meanwhile (the dashboard, the CLI) is kept. A key whose record is read again (a change, or the
// cache's refresh) reads its balance again after writing back, without making a request wait.
// A crash loses at most the last half second of spending (those requests are then free).
// Several instances must not use this: they share credits through the database
// (lib/verify/credits.ts).

const WRITE_BACK_MS = 500;
const IDLE_MS = 60_000;

type Refill = { amount: number; interval: "daily" | "monthly" } | null;

interface Entry {
  owner: CreditOwner;
  balance: number;
  refill: Refill;
  refilledAt: number | null;
  /** Spent since the last write-back. */
  spent: number;
  /** Set when a refill happened since the last write-back: the amount and when. */
  refilled: { amount: number; at: number } | null;
  /** When the balance was read (compared with the key record's load time). */
  loadedAt: number;
  usedAt: number;
  /** The owner has no credits any more (removed meanwhile). */
  unlimited: boolean;
}

/** The start of the UTC day or month `now` is in. */
function periodStart(interval: "daily" | "monthly", now: number): number {
  const d = new Date(now);
  return interval === "daily" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

class CreditLedger {
  private entries = new Map<string, Entry>();
  private loading = new Map<string, Promise<Entry>>();
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** Spends `cost` of the owner's credits; synchronous once its balance is here. `recordLoadedAt`: when the key's record was read. */
  spend(owner: CreditOwner, cost: number, recordLoadedAt: number, now = Date.now()): CreditSpend | Promise<CreditSpend> {
    const name = `${owner.table}:${owner.id}`;
    const entry = this.entries.get(name);
    if (entry) {
      // The key's record was read again (the cache's refresh, or a change to the key): its
      // balance is read again too, in the background; what is spent meanwhile is carried over.
      // (An edit of the credits themselves settles first: there is no entry to spend from.)
      if (entry.loadedAt < recordLoadedAt) this.loadOnce(name, owner, entry).catch(() => {});
      return this.take(entry, cost, now);
    }
    return withDeadline(this.loadOnce(name, owner, undefined), "reading credits").then((loaded) => this.take(loaded, cost, Date.now()));
  }

  private loadOnce(name: string, owner: CreditOwner, old: Entry | undefined): Promise<Entry> {
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.oneAtATime(() => this.load(name, owner, old)).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** Before credits are set anew: writes back what was spent and forgets the balance, so the new value is not charged for it. */
  async settle(owner: CreditOwner): Promise<void> {
    const name = `${owner.table}:${owner.id}`;
    // A read on its way would put back the balance this forgets.
    await this.loading.get(name)?.catch(() => {});
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    await this.oneAtATime(() => this.writeBack([entry])).catch(() => {});
  }

  // Write-backs and reads one at a time: a read made while a write-back is on its way would see
  // the balance without that spending, which is no longer counted in `spent` either.
  private oneAtATime<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f, f);
    this.queue = run.catch(() => {});
    return run;
  }

  private take(entry: Entry, cost: number, now: number): CreditSpend {
    entry.usedAt = now;
    if (entry.unlimited) return { spent: true, remaining: null };
    if (entry.refill && (entry.refilledAt === null || entry.refilledAt < periodStart(entry.refill.interval, now))) {
      entry.balance = entry.refill.amount;
      entry.refilledAt = now;
      entry.refilled = { amount: entry.refill.amount, at: now };
      entry.spent = 0;
    }
    if (entry.balance < cost) return { spent: false, remaining: entry.balance };
    entry.balance -= cost;
    entry.spent += cost;
    return { spent: true, remaining: entry.balance };
  }

  // Writes back what the old balance spent, then reads the balance afresh.
  private async load(name: string, owner: CreditOwner, old: Entry | undefined): Promise<Entry> {
    // A failed write-back keeps its spending on `old`, carried over below.
    if (old) await this.writeBack([old]).catch(() => {});
    const loadedAt = Date.now();
    const table = creditTable(owner.table);
    const [row] = await db().$queryRaw<
      { credits: number | null; amount: number | null; interval: string | null; refilledAt: Date | null }[]
    >`SELECT "credits", "creditRefillAmount" AS amount, "creditRefillInterval" AS interval, "creditsRefilledAt" AS "refilledAt" FROM ${table} WHERE "id" = ${owner.id}`;
    const interval = row?.interval === "daily" || row?.interval === "monthly" ? row.interval : null;
    const entry: Entry = {
      owner,
      balance: row?.credits ?? 0,
      refill: interval && row?.amount !== null && row?.amount !== undefined ? { amount: row.amount, interval } : null,
      refilledAt: row?.refilledAt?.getTime() ?? null,
      spent: 0,
      refilled: null,
      loadedAt,
      usedAt: loadedAt,
      unlimited: !row || row.credits === null,
    };
    // Spending on the old balance while this read was on its way belongs to the new one.
    if (old && old.spent) {
      entry.balance = Math.max(0, entry.balance - old.spent);
      entry.spent = old.spent;
      old.spent = 0; // moved, so a write-back of `old` still held elsewhere does not count it twice
    }
    this.entries.set(name, entry);
    this.start();
    return entry;
  }

  private start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush().catch(() => {}), WRITE_BACK_MS);
    this.timer.unref();
    onShutdown("credit ledger", () => this.flush());
  }

  /** Writes back every balance spent since the last time; forgets owners idle for a minute. */
  async flush(): Promise<void> {
    const now = Date.now();
    await this.oneAtATime(() => this.writeBack([...this.entries.values()]));
    for (const [name, entry] of this.entries) if (now - entry.usedAt > IDLE_MS && !entry.spent && !entry.refilled) this.entries.delete(name);
  }

  // One statement per table: credits = (refill amount, if refilled, else the stored value) - spent.
  private async writeBack(entries: Entry[]): Promise<void> {
    const due = entries.filter((e) => e.spent > 0 || e.refilled);
    for (const tableName of ["ApiKey", "Identity"] as const) {
      const batch = due.filter((e) => e.owner.table === tableName);
      if (!batch.length) continue;
      const taken = batch.map((e) => ({ entry: e, spent: e.spent, refilled: e.refilled }));
      for (const e of batch) {
        e.spent = 0;
        e.refilled = null;
      }
      const table = creditTable(tableName);
      try {
        await db().$executeRaw`
          UPDATE ${table} AS o SET
            "credits" = GREATEST(0, COALESCE(w.amount, o."credits") - w.spent),
            "creditsRefilledAt" = COALESCE(w.refilled_at, o."creditsRefilledAt")
          FROM unnest(
            ${taken.map((t) => t.entry.owner.id)}::text[],
            ${taken.map((t) => t.refilled?.amount ?? null)}::int[],
            ${taken.map((t) => t.spent)}::bigint[],
            ${taken.map((t) => (t.refilled ? new Date(t.refilled.at).toISOString() : null))}::timestamp[]
          ) AS w(id, amount, spent, refilled_at)
          WHERE o."id" = w.id AND o."credits" IS NOT NULL`;
      } catch (err) {
        countWriteBackFailure("credits");
        // Kept for the next try: nothing spent is forgotten while the database is away.
        for (const t of taken) {
          t.entry.spent += t.spent;
          t.entry.refilled ??= t.refilled;
        }
        log().warn({ err }, "credits: write-back failed; retrying");
        throw err;
      }
    }
  }
}

/** Before credits are set anew (an edit): settles this process's held balance, when it holds one. */
export async function settleCredits(owner: CreditOwner): Promise<void> {
  if (singleInstance()) await creditLedger().settle(owner);
}

export function creditLedger(): CreditLedger {
  return processSingleton("credit-ledger", () => new CreditLedger());
}

let single: boolean | undefined;
/** Whether this is the only instance (set by server.ts for the embedded database, or by the operator). */
export function singleInstance(): boolean {
  return (single ??= process.env.KEYHOUSE_SINGLE_INSTANCE === "true");
}
