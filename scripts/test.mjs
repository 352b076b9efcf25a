// `npm test`: lint and knip, then unit and integration tests (vitest) and end-to-end tests
// (Playwright in chromium), once on an embedded PGlite database and once on the PostgreSQL
// server at TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), with Redis
// at TEST_REDIS_URL (default redis://127.0.0.1:6379) for the cross-instance tests.
// Every part is required: a missing PostgreSQL or Redis fails the run, loudly. Only a
// developer who names one lane (--lane=pglite) may run without the other services.
// Flags: --unit (vitest only), --e2e (Playwright only), --lane=pglite|postgres, --no-lint,
// --no-build (reuse dist/); other arguments are file filters handed to vitest and Playwright.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import pg from "pg";
import Redis from "ioredis";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--lane="))?.slice(7);
const runUnit = !args.includes("--e2e");
const runE2e = !args.includes("--unit");
const filters = args.filter((a) => !a.startsWith("--"));
const runLint = !args.includes("--no-lint") && !only && runUnit && runE2e && filters.length === 0;
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const bin = (name) => `node_modules/.bin/${name}`;
const reports = "test-results/reports";

function run(label, cmd, cmdArgs, env = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(" ")}   [${label}]`);
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

async function redisReachable() {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
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

function fail(message) {
  console.error(`\n✗ ${message}`);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

/**
 * Passed and failed counts from a vitest or Playwright JSON report. A missing report, a run
 * that exited non-zero without a failed test (a config or web-server error), or a lane that
 * ran nothing counts as a failure: never green for the wrong reason.
 */
function counts(file, kind, exitedOk) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(file, "utf8"));
  const c =
    kind === "vitest"
      ? { passed: r.numPassedTests, failed: r.numFailedTests + (r.success ? 0 : r.numFailedTests ? 0 : 1) }
      : { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + (r.errors?.length ?? 0) };
  if ((!exitedOk || c.passed === 0) && c.failed === 0) c.failed = 1;
  return c;
}

/**
 * The published clients the compatibility tests drive (tests/compat/package.json), installed
 * here rather than by every `npm install`: only the tests need them. Without the peers those
 * clients declare and never load here (better-sqlite3 would compile from source for a minute).
 */
function installCompatClients() {
  const lock = "tests/compat/package-lock.json";
  const stamp = "tests/compat/node_modules/.installed-lock";
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === readFileSync(lock, "utf8")) return true;
  const ok = run("setup", "npm", ["ci", "--prefix", "tests/compat", "--legacy-peer-deps", "--no-audit", "--no-fund"]);
  if (ok) writeFileSync(stamp, readFileSync(lock, "utf8"));
  return ok;
}

/** The development tools, which `npm install` leaves out (.npmrc): added on the first test run. */
function installDevTools() {
  if (["vitest", "playwright", "eslint", "knip"].every((tool) => existsSync(bin(tool)))) return true;
  return run("setup", "npm", ["install", "--include=dev", "--no-audit", "--no-fund"]);
}

async function main() {
  if (!installDevTools()) fail("Installing the development tools (npm install --include=dev) failed.");
  if (!installCompatClients()) fail("Installing the compatibility tests' clients (tests/compat) failed.");
  const hasPostgres = await postgresReachable();
  const hasRedis = await redisReachable();
  if (!only || only === "postgres") {
    if (!hasPostgres) fail(`PostgreSQL at ${adminUrl} is not reachable. Start it (DESIGN.md "Storage and scale"), or run one lane: npm test -- --lane=pglite`);
  }
  if (!hasRedis && !only) fail(`Redis at ${redisUrl} is not reachable. Start it (DESIGN.md "Storage and scale"), or run one lane: npm test -- --lane=pglite`);
  if (!hasRedis) console.log(`\n! Redis at ${redisUrl} is not reachable: the Redis tests fail unless you asked for one lane (--lane=${only}), where they are skipped.`);

  const lanes = only ? [only] : ["pglite", "postgres"];
  const transports = [
    ...(hasRedis ? ["Redis pub/sub (every lane)"] : []),
    ...(lanes.includes("postgres") ? ["PostgreSQL LISTEN/NOTIFY (postgres lane)"] : []),
  ];
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const results = [];

  if (runLint) {
    results.push({ name: "eslint", ok: run("lint", bin("eslint"), [".", "--max-warnings=0"]) });
    results.push({ name: "knip", ok: run("lint", bin("knip"), []) });
    results.push({ name: "typecheck", ok: run("lint", bin("tsc"), ["--noEmit"]) });
  }
  if (runE2e && !(args.includes("--no-build") && existsSync("dist/server.js"))) {
    if (!run("build", "npm", ["run", "build"])) fail("The build failed.");
  }
  const common = {
    TEST_REDIS_URL: redisUrl,
    // Tests that need Redis fail without it, unless a developer named one lane.
    KH_REDIS_OPTIONAL: only && !hasRedis ? "1" : "",
  };
  for (const lane of lanes) {
    const db = lane === "pglite" ? await startPglite() : await startPostgres();
    const env = { ...common, DATABASE_URL: db.url, KH_TEST_LANE: lane };
    try {
      if (runUnit) {
        const file = `${reports}/vitest-${lane}.json`;
        const ok = run(lane, bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...filters], env);
        results.push({ name: `vitest (${lane})`, ...counts(file, "vitest", ok) });
      }
      if (runE2e) {
        const file = `${reports}/playwright-${lane}.json`;
        const ok = run(lane, bin("playwright"), ["test", "--reporter=list,json", ...filters], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: file });
        results.push({ name: `playwright (${lane})`, ...counts(file, "playwright", ok) });
      }
    } finally {
      await db.stop();
    }
  }

  console.log("\nSummary");
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if ("ok" in r) {
      console.log(`  ${r.ok ? "✓" : "✗"} ${r.name}`);
      if (r.ok) passed++;
      else failed++;
    } else {
      console.log(`  ${r.failed ? "✗" : "✓"} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
      passed += r.passed;
      failed += r.failed;
    }
  }
  console.log(`  lanes: ${lanes.join(", ")}`);
  console.log(`  cross-instance transports: ${transports.join(", ") || "none"}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
