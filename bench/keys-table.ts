// How fast the keys page's query is with 10,000 keys in one organization:
//   DATABASE_URL=postgres://... npm run bench:keys-table   (defaults to an in-memory PGlite)
// Prints the median and p95 of getKeysForOrg for the table's common views.
import path from "node:path";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";

async function main() {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase("memory://");
  if (embedded) process.env.DATABASE_URL = embedded.url;
  await migrate(process.env.DATABASE_URL!, path.join(__dirname, "..", "prisma", "migrations"));
  const { db } = await import("../lib/db/client");
  const { seedManyKeys } = await import("../lib/keys/seed-many");
  const { getKeysForOrg, keysQuerySchema } = await import("../lib/keys/queries");

  const org = await db().organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  const t0 = Date.now();
  await seedManyKeys(org.id, 10_000);
  console.log(`seeded 10,000 keys in ${Date.now() - t0} ms (${embedded ? "PGlite" : "PostgreSQL"})`);

  const views: Record<string, Record<string, string>> = {
    "first page, newest first": {},
    "page 200 of 25 rows": { page: "200" },
    "sorted by last used": { sort: "lastUsedAt", dir: "desc" },
    "status=active": { status: "active" },
    "status=expired, env=test": { status: "expired", environment: "test" },
    "scope=*": { scope: "*" },
    "search 'seed-0099'": { q: "seed-0099" },
  };
  for (const [label, params] of Object.entries(views)) {
    const query = keysQuerySchema.parse(params);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await getKeysForOrg(org.id, query);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(28)} median ${times[15].toFixed(1)} ms   p95 ${times[28].toFixed(1)} ms`);
  }
  await db().$disconnect();
  await embedded?.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
