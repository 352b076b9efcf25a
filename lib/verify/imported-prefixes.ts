import { db } from "../db/client";
import { onKeyChanges } from "../events/key-changes";

// The prefixes of keys imported from other systems (lib/keys/import.ts): a key with one of
// them skips our checksum and goes to the hash lookup. Loaded at first use, again whenever
// an organization's keys change on any instance (an import announces itself so), and in the
// background at most once a minute when a key of no known shape arrives (an import by the
// CLI on the embedded database, which has no change notices).

const MAX_KEY_LENGTH = 256;
/**
 * Shorter strings are never looked up as imported keys: a hash of "undefined" or "null" imported
 * under a short prefix would otherwise catch every misconfigured client of every tenant.
 */
const MIN_IMPORTED_KEY_LENGTH = 20;
const STALE_MS = 60_000;
let prefixes: string[] | undefined;
let loadedAt = 0;
let loading: Promise<string[]> | undefined;

function load(): Promise<string[]> {
  loading ??= db()
    .apiKey.findMany({ where: { importedPrefix: { not: null } }, distinct: ["importedPrefix"], select: { importedPrefix: true } })
    .then((rows) => {
      loadedAt = Date.now();
      return (prefixes = rows.map((r) => r.importedPrefix!));
    })
    .finally(() => (loading = undefined));
  return loading;
}

let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  onKeyChanges((change) => {
    if (change.organizationIds?.length) void load().catch(() => {});
  });
}

const matches = (list: string[], raw: string) =>
  raw.length >= MIN_IMPORTED_KEY_LENGTH && raw.length <= MAX_KEY_LENGTH && list.some((p) => raw.startsWith(p));

/** Whether `raw` has the shape of an imported key; a Promise only before the first load. */
export function hasImportedShape(raw: string): boolean | Promise<boolean> {
  listen();
  if (prefixes) {
    const known = matches(prefixes, raw);
    if (!known && Date.now() - loadedAt > STALE_MS) void load().catch(() => {});
    return known;
  }
  // Database unreachable before the first load: no imported shapes yet (a 401, as for any junk).
  return load().then(
    (list) => matches(list, raw),
    () => false,
  );
}
