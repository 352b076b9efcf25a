// Fills an organization with many keys, to see the keys table at scale:
//   npm run seed:keys -- --org acme --count 10000
// Uses DATABASE_URL, or the running server's embedded database (data/pglite.url).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { org: { type: "string", default: "acme" }, count: { type: "string", default: "10000" } },
});

async function main() {
  const urlFile = path.resolve(process.env.KEYHOUSE_DATA_DIR ?? "data", "pglite.url");
  if (!process.env.DATABASE_URL && existsSync(urlFile)) process.env.DATABASE_URL = readFileSync(urlFile, "utf8").trim();
  const { db } = await import("../lib/db/client");
  const { seedManyKeys } = await import("../lib/keys/seed-many");
  const org = await db().organization.findUnique({ where: { slug: values.org! } });
  if (!org) throw new Error(`No organization with slug "${values.org}"`);
  const started = Date.now();
  const count = await seedManyKeys(org.id, Number(values.count));
  console.log(`Created ${count} keys in "${org.slug}" in ${Date.now() - started} ms`);
  await db().$disconnect();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
