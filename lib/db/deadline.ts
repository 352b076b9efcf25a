// A call that needs the database (a verification, a health check) fails within 2 s when the database cannot be
// reached or does not answer: the pool's connect timeout is 1.5 s, and this deadline bounds a
// query that hangs on an open connection.
import { countDeadlineHit } from "../metrics/metrics";

export class DatabaseUnavailable extends Error {}

const DEADLINE_MS = 1800;

/**
 * `p`, or a DatabaseUnavailable when it fails or is not settled within the deadline.
 * `onLate` runs when the deadline passes first (the work may still finish after).
 */
export function withDeadline<T>(p: Promise<T>, what: string, onLate?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onLate?.();
      countDeadlineHit();
      reject(new DatabaseUnavailable(`${what} timed out`));
    }, DEADLINE_MS);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        countDeadlineHit();
        reject(new DatabaseUnavailable(err instanceof Error ? err.message : String(err)));
      },
    );
  });
}
