import type { Plan } from "@prisma/client";
import { db } from "../db/client";
import { assertStaff, type Staff } from "../auth/staff";
import { HINT_SHAPE, hashKey, keyShapeOf } from "../keys/format";
import { text } from "../validation/text";

export const SEARCH_MAX_LENGTH = 200;
export const WHOLE_KEY_IN_URL =
  "That is a whole key: paste it into the search box, which looks it up without putting it in a URL. It was not looked up.";
const LIMIT = 50;

interface AccountHit {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  suspendedAt: Date | null;
  /** Why it matched, in words: "member alice@example.com", "key kh_live_ab…cd (Production)". */
  matched: string;
}

export interface SearchResult {
  hits: AccountHit[];
  /** A sentence about the query itself (a key with a wrong checksum, a root key). */
  notice?: string;
}

// A LIKE prefix pattern from user text: %, _ and \ match themselves.
const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const ID_SHAPE = /^[a-z0-9]{20,40}$/i;
// The beginning of a hint: a key's start (`mos_live_`, `m0-`, `mem_`) and up to 4 characters.
const HINT_START = /^[a-z][a-z0-9]{0,15}[_-]((live|test)_)?[0-9A-Za-z]{1,4}$/;

/**
 * The support console's one search box: an organization's name or slug (prefix), a member's
 * email (prefix), a key's hint or id, an organization id, or a whole pasted key (hashed and
 * looked up: "whose key is this?"; the key itself is never stored, logged or echoed).
 */
export async function searchAccounts(staff: Staff, input: string): Promise<SearchResult> {
  assertStaff(staff);
  const q = input.trim();
  if (!q) return { hits: [] };
  if (q.length > SEARCH_MAX_LENGTH) return { hits: [], notice: `Search for at most ${SEARCH_MAX_LENGTH} characters.` };
  if (!text().safeParse(q).success) return { hits: [], notice: "The search holds a character that cannot be searched for (NUL)." };

  // A whole key never comes from a URL (history, logs): the search box posts it instead.
  if (isWholeKey(q)) return { hits: [], notice: WHOLE_KEY_IN_URL };
  // A key's hint as the dashboard shows it, typed with "..." or only its beginning.
  const hint = q.replace("...", "…");
  if (HINT_SHAPE.test(hint) || HINT_START.test(hint)) {
    const keys = await db().apiKey.findMany({
      where: { hint: HINT_SHAPE.test(hint) ? hint : { startsWith: hint }, organizationId: { not: null } },
      select: { organizationId: true, hint: true, name: true },
      take: LIMIT,
    });
    if (keys.length) return { hits: await withMatch(keys.map((k) => [k.organizationId!, `key ${k.hint} (${k.name})`])) };
  }
  if (ID_SHAPE.test(q)) {
    const [org, key] = await Promise.all([
      db().organization.findUnique({ where: { id: q }, select: { id: true } }),
      db().apiKey.findUnique({ where: { id: q }, select: { organizationId: true, hint: true, name: true } }),
    ]);
    const found: [string, string][] = [];
    if (org) found.push([org.id, "organization id"]);
    if (key?.organizationId) found.push([key.organizationId, `key id of ${key.hint} (${key.name})`]);
    if (found.length) return { hits: await withMatch(found) };
  }

  const pattern = likePrefix(q);
  const [orgs, members] = await Promise.all([
    q.includes("@")
      ? Promise.resolve([])
      : db().$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Organization"
          WHERE lower("name") LIKE ${pattern} ESCAPE '\\' OR "slug" LIKE ${pattern} ESCAPE '\\'
          ORDER BY "name" LIMIT ${LIMIT}`,
    db().$queryRaw<{ organizationId: string; email: string }[]>`
      SELECT m."organizationId", u."email" FROM "User" u JOIN "Membership" m ON m."userId" = u."id"
      WHERE lower(u."email") LIKE ${pattern} ESCAPE '\\'
      ORDER BY u."email" LIMIT ${LIMIT}`,
  ]);
  return {
    hits: await withMatch([
      ...orgs.map((o): [string, string] => [o.id, "name or slug"]),
      ...members.map((m): [string, string] => [m.organizationId, `member ${m.email}`]),
    ]),
  };
}

/** Whether the text has the shape of a whole key (right or wrong checksum): never echo it. */
export function isWholeKey(q: string): boolean {
  return keyShapeOf(q.trim()) !== "not-a-key";
}

/** "Whose key is this?": the organization of a pasted key, found by its hash. */
export async function findKeyOwner(
  staff: Staff,
  raw: string,
): Promise<{ organizationId: string; keyId: string; hint: string; name: string } | { notice: string }> {
  assertStaff(staff);
  const shape = keyShapeOf(raw.trim());
  if (shape === "not-a-key") return { notice: "That is not a Keyhouse key." };
  if (shape === "bad-checksum")
    return { notice: "That looks like a Keyhouse key, but its checksum is wrong: it was mistyped or cut short." };
  const key = await db().apiKey.findUnique({
    where: { hash: hashKey(raw.trim()) },
    select: { id: true, organizationId: true, hint: true, name: true },
  });
  if (!key) return { notice: "No key with this value exists here (never issued by this deployment, or deleted)." };
  if (!key.organizationId)
    return { notice: `That is a root key (${key.hint}, "${key.name}"): a deployment key, not a customer's.` };
  return { organizationId: key.organizationId, keyId: key.id, hint: key.hint, name: key.name };
}

async function withMatch(found: [organizationId: string, matched: string][]): Promise<AccountHit[]> {
  const reasons = new Map<string, string[]>();
  for (const [id, why] of found) reasons.set(id, [...(reasons.get(id) ?? []), why]);
  const orgs = await db().organization.findMany({
    where: { id: { in: [...reasons.keys()] } },
    select: { id: true, slug: true, name: true, plan: true, suspendedAt: true },
  });
  const order = [...reasons.keys()];
  return orgs
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
    .slice(0, LIMIT)
    .map((o) => ({ ...o, matched: reasons.get(o.id)!.join(", ") }));
}
