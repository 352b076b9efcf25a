// How fast usage charts are with a busy organization: rollups equal to 10 million requests
// over 30 days for one organization with 1,000 keys, then the data of the organization's
// 30-day chart and of one key's 30-day chart (server side, 20 runs each).
//   npm run bench:usage                          in-memory PGlite, then PostgreSQL at TEST_POSTGRES_URL
//   DATABASE_URL=postgres://... npm run bench:usage   that database only
import { spawnSync } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";

const KEYS = 1000;
const DAYS = 30;
const REQUESTS = 10_000_000;

async function run(label: string) {
  await migrate(process.env.DATABASE_URL!, path.join(__dirname, "..", "prisma", "migrations"));
  const { db } = await import("../lib/db/client");
  const { seedManyKeys } = await import("../lib/keys/seed-many");
  const { getUsageSeriesForOrg } = await import("../lib/usage/series");

  const org = await db().organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  await seedManyKeys(org.id, KEYS);
  const t0 = Date.now();
  // Per key: one day row per day and one hour row per hour (what the flush writes); the
  // organization's rows are their sums. Requests per hour per key = 10M / (1,000 * 720).
  const perHour = Math.round(REQUESTS / (KEYS * DAYS * 24));
  const dayStart = Date.now() - (Date.now() % 86_400_000);
  const from = new Date(dayStart - (DAYS - 1) * 86_400_000);
  await db().$executeRaw`
    INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "forbidden", "rateLimited")
    SELECT k."id", k."organizationId", 'hour', h, ${perHour} - 3, 1, 2
    FROM "ApiKey" k, generate_series(${from}::timestamp, ${new Date(dayStart + 23 * 3_600_000)}::timestamp, interval '1 hour') h
    WHERE k."organizationId" = ${org.id}`;
  await db().$executeRaw`
    INSERT INTO "UsageRollup" ("keyId", "organizationId", "period", "minute", "ok", "forbidden", "rateLimited")
    SELECT "keyId", "organizationId", 'day', date_trunc('day', "minute"), sum("ok"), sum("forbidden"), sum("rateLimited")
    FROM "UsageRollup" WHERE "organizationId" = ${org.id} AND "period" = 'hour' GROUP BY 1, 2, 4`;
  await db().$executeRaw`
    INSERT INTO "UsageOrgRollup" ("organizationId", "period", "minute", "ok", "forbidden", "rateLimited")
    SELECT "organizationId", "period", "minute", sum("ok"), sum("forbidden"), sum("rateLimited")
    FROM "UsageRollup" WHERE "organizationId" = ${org.id} GROUP BY 1, 2, 3`;
  const rows = await db().usageRollup.count({ where: { organizationId: org.id } });
  const total = await db().$queryRaw<{ n: bigint }[]>`
    SELECT sum("ok" + "forbidden" + "rateLimited") AS n FROM "UsageOrgRollup" WHERE "organizationId" = ${org.id} AND "period" = 'day'`;
  console.log(`[${label}] seeded ${rows.toLocaleString("en")} key rollup rows = ${Number(total[0].n).toLocaleString("en")} requests, ${KEYS} keys, ${DAYS} days, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const key = await db().apiKey.findFirstOrThrow({ where: { organizationId: org.id } });
  const range = { from: new Date(Date.now() - DAYS * 86_400_000), to: new Date() };
  const cases: [string, () => Promise<unknown>][] = [
    ["organization, 30 days", () => getUsageSeriesForOrg(org.id, range)],
    ["one key, 30 days", () => getUsageSeriesForOrg(org.id, { ...range, keyId: key.id })],
    ["organization, 7 days hourly", () => getUsageSeriesForOrg(org.id, { from: new Date(Date.now() - 7 * 86_400_000), to: new Date() })],
    ["environment=live, 30 days (per-key rows)", () => getUsageSeriesForOrg(org.id, { ...range, environment: "live" })],
  ];
  for (const [name, fn] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`[${label}] ${name.padEnd(42)} median ${times[10].toFixed(1)} ms   p95 ${times[18].toFixed(1)} ms`);
  }
  await db().$disconnect();
}

async function main() {
  const lane = process.env.KH_BENCH_LANE;
  if (lane) return run(lane);
  if (process.env.DATABASE_URL) return run("DATABASE_URL");
  // Each lane in its own process: the database client is one per process.
  const embedded = await startEmbeddedDatabase("memory://");
  spawnSync(process.execPath, ["--import", "tsx", __filename], { stdio: "inherit", env: { ...process.env, DATABASE_URL: embedded.url, KH_BENCH_LANE: "PGlite" } });
  await embedded.stop();
  const admin = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `kh_bench_${Date.now()}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  spawnSync(process.execPath, ["--import", "tsx", __filename], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url.toString(), KH_BENCH_LANE: "PostgreSQL" } });
  await c.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  await c.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
