// npm run bench:verify: verifications per second and p50/p99 latency for
//   (a) the in-process verify function with a warm cache,
//   (b) POST /api/v1/keys/verify over HTTP on the built server (npm run build first),
//   (c) a bare node:http server answering a fixed JSON,
// the ratio (b)/(c), and the database writes per 1,000 verifications.
// Uses DATABASE_URL when set, else an in-memory embedded database. BENCH_SECONDS (default 5).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function report(label: string, count: number, seconds: number, latencies: number[]) {
  latencies.sort((a, b) => a - b);
  const rate = count / seconds;
  console.log(
    `${label.padEnd(44)} ${Math.round(rate).toLocaleString("en-US").padStart(9)} /s   p50 ${percentile(latencies, 0.5).toFixed(3)} ms   p99 ${percentile(latencies, 0.99).toFixed(3)} ms`,
  );
  return rate;
}

/** Keep-alive HTTP load from this process: CONNECTIONS requests in flight for SECONDS. */
async function load(port: number, path: string, body: () => string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let count = 0;
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = http.request(
        { port, host: "127.0.0.1", path, method: "POST", agent, headers: { "content-type": "application/json", ...headers } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - start);
            if (res.statusCode === 200) count++;
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body());
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  agent.destroy();
  return { count, errors, latencies };
}

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (ready.test(line)) resolve({ child, line });
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code})`)));
  });
}

async function main() {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase("memory://");
  if (embedded) process.env.DATABASE_URL = embedded.url;
  await migrate(process.env.DATABASE_URL!, path.join(__dirname, "..", "prisma", "migrations"));
  const { db } = await import("../lib/db/client");
  const { createKey } = await import("../lib/keys/service");
  const { createKeyInputSchema } = await import("../lib/keys/schemas");
  const { createRootKey } = await import("../lib/keys/root");
  const { verifyKey } = await import("../lib/verify/verify");
  const { usageBuffer } = await import("../lib/usage/buffer");

  const org = await db().organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}`, plan: "ENTERPRISE" } });
  const actor = { type: "cli" as const, id: null, label: "bench" };
  // Many keys, so the per-key limit (10,000/min on ENTERPRISE) is not what is measured.
  const keys: string[] = [];
  for (let i = 0; i < 64; i++) keys.push((await createKey(org, createKeyInputSchema.parse({ name: `bench-${i}` }), actor)).rawKey);
  const root = (await createRootKey(`bench-root-${Date.now()}`, actor)).rawKey;
  console.log(
    `Keyhouse verification benchmark: ${SECONDS} s per case, ${CONNECTIONS} connections, ${embedded ? "PGlite" : "PostgreSQL"}\n`,
  );

  // (a) in process, warm cache.
  for (const k of keys) await verifyKey(k, { scopes: ["memories:read"] });
  await usageBuffer().flush();
  const statementsBefore = usageBuffer().statements;
  const latencies: number[] = [];
  let n = 0;
  const endA = Date.now() + SECONDS * 1000;
  while (Date.now() < endA) {
    for (let i = 0; i < 1000; i++) {
      const s = performance.now();
      await verifyKey(keys[n++ % keys.length], { scopes: ["memories:read"] });
      latencies.push(performance.now() - s);
    }
    // Let timers run, as a server's event loop would: the usage buffer flushes every second.
    await new Promise((r) => setImmediate(r));
  }
  await usageBuffer().flush();
  const writes = usageBuffer().statements - statementsBefore;
  report("(a) verify function, in process, warm cache", n, SECONDS, latencies);

  // (b) the built server.
  const dbUrl = process.env.DATABASE_URL!;
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const server = await startChild(
    [...profile, "dist/server.js"],
    { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: dbUrl, LOG_LEVEL: "warn", KEYHOUSE_DATA_DIR: "test-results/bench-data" },
    /ready on/,
  );
  const port = Number(/localhost:(\d+)/.exec(server.line)![1]);
  const bodies = keys.map((key) => JSON.stringify({ key, scopes: ["memories:read"] }));
  let i = 0;
  const nextBody = () => bodies[i++ % bodies.length];
  await load(port, "/api/v1/keys/verify", nextBody, { "x-api-key": root }); // warm-up
  const b = await load(port, "/api/v1/keys/verify", nextBody, { "x-api-key": root });
  const rateB = report("(b) POST /api/v1/keys/verify, built server", b.count, SECONDS, b.latencies);
  await new Promise((resolve) => {
    server.child.once("exit", resolve);
    server.child.kill("SIGTERM");
  });

  // (c) bare node:http.
  const bare = await startChild(
    [
      "-e",
      `const s=require("http").createServer((q,r)=>{q.resume();q.on("end",()=>{r.writeHead(200,{"content-type":"application/json"});r.end('{"data":{"valid":true}}')})});s.listen(0,"127.0.0.1",()=>console.log("port "+s.address().port))`,
    ],
    {},
    /^port /,
  );
  const bare_port = Number(bare.line.split(" ")[1]);
  await load(bare_port, "/", nextBody, {});
  const c = await load(bare_port, "/", nextBody, {});
  const rateC = report("(c) bare node:http, fixed JSON", c.count, SECONDS, c.latencies);
  bare.child.kill();

  console.log(`\n(b)/(c) = ${(rateB / rateC).toFixed(2)}`);
  console.log(
    `database writes per 1,000 verifications (a): ${((writes / n) * 1000).toFixed(3)} (${writes} statements for ${n.toLocaleString("en-US")} verifications)`,
  );
  if (b.errors) console.log(`(b) non-200 answers: ${b.errors}`);
  await db().$disconnect();
  await embedded?.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
