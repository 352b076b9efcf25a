import { db } from "../db/client";
import { generateKey, hashKey, keyHint } from "./format";
import { DEFAULT_SCOPES } from "./scopes";

const DAY = 86_400_000;

/** Inserts `count` varied keys (statuses, environments, scopes, dates) for scale tests. */
export async function seedManyKeys(organizationId: string, count: number): Promise<number> {
  const now = Date.now();
  const batch = 1000;
  let done = 0;
  while (done < count) {
    const rows = Array.from({ length: Math.min(batch, count - done) }, (_, j) => {
      const i = done + j;
      const environment = i % 3 === 0 ? ("test" as const) : ("live" as const);
      const raw = generateKey(environment);
      return {
        organizationId,
        name: `seed-${String(i).padStart(6, "0")}`,
        environment,
        scopes: i % 5 === 0 ? ["*"] : i % 2 === 0 ? [...DEFAULT_SCOPES] : ["memories:read"],
        hash: hashKey(raw),
        hint: keyHint(raw),
        createdAt: new Date(now - (i % 365) * DAY - i * 1000),
        lastUsedAt: i % 4 === 0 ? null : new Date(now - (i % 30) * DAY),
        expiresAt: i % 7 === 0 ? new Date(now - DAY) : i % 3 === 0 ? new Date(now + (i % 90) * DAY + DAY) : null,
        revokedAt: i % 11 === 0 ? new Date(now - (i % 10) * DAY) : null,
      };
    });
    await db().apiKey.createMany({ data: rows });
    done += rows.length;
  }
  return done;
}
