// `npm test`: unit and integration tests (vitest) and end-to-end tests (Playwright in
// chromium), once on an embedded PGlite database and once more on the PostgreSQL server
// at TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) when reachable.
// Flags: --unit (vitest only), --e2e (Playwright only), --lane=pglite|postgres.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import pg from "pg";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--lane="))?.slice(7);
const runUnit = !args.includes("--e2e");
const runE2e = !args.includes("--unit");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const bin = (name) => `node_modules/.bin/${name}`;

function run(cmd, cmdArgs, env) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(" ")}   [${env.KH_TEST_LANE}]`);
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

async function startPglite() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/test-db.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`test database exited (${code})`)));
  });
  return { url: line.trim(), stop: async () => child.stdin.end() };
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function startPostgres() {
  const name = `keyhouse_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main() {
  const lanes = [];
  if (!only || only === "pglite") lanes.push("pglite");
  if (!only || only === "postgres") {
    if (await postgresReachable()) lanes.push("postgres");
    else console.log(`PostgreSQL at ${adminUrl} is not reachable: skipping the postgres lane.`);
  }
  if (runE2e && !(args.includes("--no-build") && existsSync("dist/server.js"))) {
    if (!run("npm", ["run", "build"], { KH_TEST_LANE: "build" })) process.exit(1);
  }
  let ok = true;
  for (const lane of lanes) {
    const db = lane === "pglite" ? await startPglite() : await startPostgres();
    const env = { DATABASE_URL: db.url, KH_TEST_LANE: lane };
    try {
      if (runUnit) ok = run(bin("vitest"), ["run"], env) && ok;
      if (runE2e) ok = run(bin("playwright"), ["test"], env) && ok;
    } finally {
      await db.stop();
    }
  }
  console.log(ok ? `\nAll tests passed on: ${lanes.join(", ")}` : "\nSome tests failed.");
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
