// npm run bench:verify (after npm run build): verification speed and memory.
//   (a)   the verify function in this process, warm cache;
//   (b)   POST /api/v1/keys/verify on the built server (root key + rotating customer keys);
//   (b')  GET /api/v1/ping with rotating keys;
//   (b'') (b) with REDIS_URL set (shared limits), when Redis answers at BENCH_REDIS_URL;
//   (d)   (b) with each compatibility profile's keys; 32 keys with every key control in use
//         against the same 32 keys without, back to back twice a round (credits in memory, and
//         again on a server that shares them through the database);
//   (c)   bare node:http answering a fixed JSON: the ceiling of this machine and load generator.
//   (e)   in this process, over in-memory sockets: what each part of a verify request costs
//         (bench/request-parts.ts), fine enough to show a change of one microsecond.
// Load comes from another process, wrk (Debian package `wrk`), the same way for every case,
// so (b)/(c) is fair. (No fallback to a Node load generator: on two cores it saturates near
// 25,000 requests/s and would hide the gap this measures.) Also printed:
// the server's RSS after warm-up and every 10 s of BENCH_SOAK_SECONDS at full load, Redis memory per
// key, and database writes per 1,000 verifications.
// DATABASE_URL when set, else an in-memory embedded database. BENCH_SECONDS (default 10),
// BENCH_CONNECTIONS (32), BENCH_SOAK_SECONDS (60), BENCH_PROFILE=dir writes a CPU profile.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import Redis from "ioredis";
import { startEmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import type { ProfileId } from "../lib/profiles/catalog";
import { measureRequestParts, type BenchRequest } from "./request-parts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
// The JIT needs a while at full load before a server's figure settles.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The result with the median rate (its latencies with it). */
function median(results: Result[]): Result {
  return [...results].sort((x, y) => x.rate - y.rate)[Math.floor(results.length / 2)];
}
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const KEYS = 128; // ENTERPRISE allows 10,000/min per key: enough keys that limits are not what is measured

/** One request of the rotation wrk sends (each connection takes the next). */
type Request = BenchRequest;
interface Result {
  rate: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU time (user + kernel) of the given processes per request, in µs. */
  cpuUs?: number[];
}

const scratch = mkdtempSync(path.join(tmpdir(), "kh-bench-"));

function requireWrk() {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (err) {
    // wrk --version prints its version and exits 1.
    if ((err as { status?: number }).status === 1) return;
    console.error("bench:verify drives load with wrk, a C load generator in its own process: apt-get install -y wrk");
    process.exit(1);
  }
}

const luaString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const luaTable = (o: Record<string, string>) =>
  `{${Object.entries(o)
    .map(([k, v]) => `[${luaString(k)}]=${luaString(v)}`)
    .join(",")}}`;

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
/** A process's CPU time so far (user + kernel), in µs. */
function cpuOf(pid: number): number {
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}

/**
 * `wrk -t1`: the requests precomputed in Lua and rotated; latency distribution on. With `pids`,
 * also their CPU time per request: what a request costs, whether or not the machine lets the
 * server use it all (on some days this VM's kernel, not the CPU, holds bare node:http back).
 */
function load(port: number, requests: Request[], seconds = SECONDS, pids: number[] = []): Result {
  const lua = `
local requests = {}
init = function()
${requests.map((r, i) => `  requests[${i + 1}] = wrk.format("${r.method}", "${r.path}", ${luaTable(r.headers)}, ${r.body === undefined ? "nil" : luaString(r.body)})`).join("\n")}
end
local n = 0
request = function()
  n = n % #requests + 1
  return requests[n]
end`;
  const script = path.join(scratch, "load.lua");
  writeFileSync(script, lua);
  const cpuBefore = pids.map(cpuOf);
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", "-s", script, `http://127.0.0.1:${port}`],
    {
      encoding: "utf8",
    },
  );
  const ms = (label: string) => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)`, "m").exec(out)!;
    return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
  };
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]);
  const requestCount = Number(/(\d+) requests in/.exec(out)![1]);
  return {
    rate,
    cpuUs: pids.map((pid, i) => (cpuOf(pid) - cpuBefore[i]) / requestCount),
    p50: ms("50%"),
    p99: ms("99%"),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

function row(label: string, r: Result, bare?: Result) {
  const ratio = bare ? `   ${(r.rate / bare.rate).toFixed(2)} × bare` : "";
  const errors = r.non2xx ? `   (${r.non2xx} non-2xx)` : "";
  console.log(
    `${label.padEnd(52)} ${Math.round(r.rate).toLocaleString("en-US").padStart(8)} /s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms${ratio}${errors}`,
  );
}

function startChild(
  args: string[],
  env: Record<string, string | undefined>,
  ready: RegExp,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (ready.test(line)) resolve({ child, line });
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code})`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The Redis server's process, when it runs on this machine (it says which it is). */
async function localRedisPid(client: Redis): Promise<number[]> {
  if (!["127.0.0.1", "localhost"].includes(new URL(REDIS_URL).hostname)) return [];
  const pid = Number(/process_id:(\d+)/.exec(await client.info("server"))?.[1]);
  return pid ? [pid] : [];
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

async function redisReachable(): Promise<Redis | null> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch {
    client.disconnect();
    return null;
  }
}

async function main() {
  // The gateway's root key is used for every request here: at the default 1,000,000 per
  // minute (16,700/s) its own limit, not verification, would be what is measured. Set here,
  // it holds for (e) in this process and for every server started (they inherit it).
  process.env.ROOT_RATELIMIT_PER_MINUTE = "1000000000";
  requireWrk();
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase("memory://");
  if (embedded) process.env.DATABASE_URL = embedded.url;
  await migrate(process.env.DATABASE_URL!, path.join(__dirname, "..", "prisma", "migrations"));
  const { db } = await import("../lib/db/client");
  const { createKey } = await import("../lib/keys/service");
  const { createKeyInputSchema } = await import("../lib/keys/schemas");
  const { createRootKey } = await import("../lib/keys/root");
  const { PROFILES } = await import("../lib/profiles/catalog");
  const { verifyKey } = await import("../lib/verify/verify");
  const { usageBuffer } = await import("../lib/usage/buffer");

  const actor = { type: "cli" as const, id: null, label: "bench" };
  async function keysOf(profile: ProfileId, extra: Record<string, unknown> = {}, count = KEYS) {
    const org = await db().organization.create({
      data: {
        name: `Bench ${profile}`,
        slug: `bench-${profile}-${Date.now()}`,
        plan: "ENTERPRISE",
        profile,
        defaultScopes: [...PROFILES[profile].defaultScopes],
      },
    });
    const keys: { raw: string; id: string }[] = [];
    for (let i = 0; i < count; i++) {
      const input = createKeyInputSchema.parse({ name: `bench-${i}`, scopes: [...PROFILES[profile].defaultScopes], ...extra });
      const { rawKey, key } = await createKey(org, input, actor);
      keys.push({ raw: rawKey, id: key.id });
    }
    return keys;
  }
  const keys = await keysOf("memory-os");
  const rootKey = await createRootKey(`bench-root-${Date.now()}`, actor);
  const root = rootKey.rawKey;
  console.log(
    `Keyhouse verification benchmark: ${SECONDS} s per case, ${CONNECTIONS} connections, ${embedded ? "PGlite" : "PostgreSQL"}, load from wrk -t1\n`,
  );

  // (a) in process, warm cache.
  for (const k of keys) await verifyKey(k.raw, { scopes: ["memories:read"] });
  await usageBuffer().flush();
  const statementsBefore = usageBuffer().statements;
  const latencies: number[] = [];
  let n = 0;
  const endA = Date.now() + SECONDS * 1000;
  while (Date.now() < endA) {
    for (let i = 0; i < 1000; i++) {
      const s = performance.now();
      await verifyKey(keys[n++ % keys.length].raw, { scopes: ["memories:read"] });
      latencies.push(performance.now() - s);
    }
    await new Promise((r) => setImmediate(r)); // let the usage buffer's timer run, as a server would
  }
  await usageBuffer().flush();
  const writes = usageBuffer().statements - statementsBefore;
  latencies.sort((x, y) => x - y);
  row("(a) verify function, in process, warm cache", {
    rate: n / SECONDS,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    non2xx: 0,
  });

  // (c): the ceiling every server figure is divided by. A shared machine drifts by a third
  // within minutes, so (c), (b) and (b') are measured in alternating rounds and each
  // figure is the median of its rounds.
  const bare = await startChild(
    [
      "-e",
      `const s=require("http").createServer((q,r)=>{q.resume();q.on("end",()=>{r.writeHead(200,{"content-type":"application/json"});r.end('{"data":{"valid":true}}')})});s.listen(0,"127.0.0.1",()=>console.log("port "+s.address().port))`,
    ],
    {},
    /^port /,
  );
  const barePort = Number(bare.line.split(" ")[1]);
  // A gateway's calls: its root key, a different customer key each time.
  const verifyOf = (list: { raw: string }[], extra: Record<string, unknown> = {}): Request[] =>
    list.map((k) => ({
      method: "POST",
      path: "/api/v1/keys/verify",
      headers: { "content-type": "application/json", "x-api-key": root },
      body: JSON.stringify({ key: k.raw, scopes: ["memories:read"], ...extra }),
    }));
  const verifyRequest = verifyOf(keys);

  const dbUrl = process.env.DATABASE_URL!;
  const cpuProfile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  async function server(env: Record<string, string | undefined>) {
    const s = await startChild(
      [...cpuProfile, "dist/server.js"],
      {
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: dbUrl,
        LOG_LEVEL: "warn",
        KEYHOUSE_DATA_DIR: path.join(scratch, "data"),
        ...env,
      },
      /ready on/,
    );
    return { child: s.child, port: Number(/localhost:(\d+)/.exec(s.line)![1]) };
  }

  // (b) and (b') on one server, then the soak for memory.
  // One instance: credits held in memory, as on the embedded database (lib/verify/credit-ledger.ts).
  const plain = await server({ REDIS_URL: undefined, KEYHOUSE_SINGLE_INSTANCE: "true" });
  const pingRequest: Request[] = keys.map((k) => ({
    method: "GET",
    path: "/api/v1/ping",
    headers: { authorization: `Bearer ${k.raw}` },
  }));
  // (c') bare node:http again, answering with the very bytes of one of our verify answers
  // (headers and body): how much of the gap is the size of the answer (security headers,
  // request id, rate-limit headers, the verdict) rather than the work behind it.
  const sample = await fetch(`http://127.0.0.1:${plain.port}${verifyRequest[0].path}`, {
    method: "POST",
    headers: verifyRequest[0].headers,
    body: verifyRequest[0].body,
  });
  const sampleHeaders = [...sample.headers]
    .filter(([name]) => !["date", "connection", "keep-alive", "content-length"].includes(name))
    .flat();
  const sampleBody = await sample.text();

  // (e) in process: the parts of a verify request's cost (bench/request-parts.ts).
  const parts = await measureRequestParts(verifyRequest, {
    headers: [...sampleHeaders, "content-length", String(Buffer.byteLength(sampleBody))],
    body: sampleBody,
  });
  console.log(
    "(e) a verify request's parts, in this process (Node's HTTP over in-memory sockets; µs a request, fastest / median round of 20):",
  );
  const signed = (d: number) => `${d < 0 ? "-" : "+"}${Math.abs(d).toFixed(1)}`;
  for (const [i, p] of parts.entries()) {
    const added = i ? `   ${signed(p.fastest - parts[i - 1].fastest)} / ${signed(p.median - parts[i - 1].median)}` : "";
    console.log(`    ${p.label.padEnd(48)} ${p.fastest.toFixed(1).padStart(5)} / ${p.median.toFixed(1).padStart(5)}${added}`);
  }

  const sameBytes = await startChild(
    [
      "-e",
      `const h=JSON.parse(process.env.H),b=process.env.B;const s=require("http").createServer((q,r)=>{q.resume();q.on("end",()=>{r.writeHead(200,[...h,"content-length",Buffer.byteLength(b)]);r.end(b)})});s.listen(0,"127.0.0.1",()=>console.log("port "+s.address().port))`,
    ],
    { H: JSON.stringify(sampleHeaders), B: sampleBody },
    /^port /,
  );
  const sameBytesPort = Number(sameBytes.line.split(" ")[1]);
  load(barePort, verifyRequest, WARMUP_SECONDS);
  load(sameBytesPort, verifyRequest, 3);
  load(plain.port, verifyRequest, WARMUP_SECONDS);
  load(plain.port, pingRequest, 3);
  const rssWarm = rssMb(plain.child.pid!);
  // (b'') shared limits in Redis: its own server, measured in the same rounds.
  const redisClient = await redisReachable();
  const shared = redisClient ? await server({ REDIS_URL }) : undefined;
  // The Redis server's own CPU, when it runs on this machine.
  const redisServerPid = redisClient && shared ? await localRedisPid(redisClient) : [];
  if (shared) load(shared.port, verifyRequest, WARMUP_SECONDS);
  // Every control at once: allowlist, metadata, two named limits with costs, a customer whose
  // shared limit applies too, and credits (all generous: what is measured is the checking).
  const everything = await keysOf(
    "memory-os",
    {
      externalId: "bench-customer",
      ipAllowlist: ["203.0.113.0/24", "2001:db8::/32", "10.0.0.0/8"],
      metadata: { plan: "gold", region: "eu", tier: 3 },
      limits: [
        { name: "requests", limit: 1_000_000_000, window: "minute" },
        { name: "tokens", limit: 1_000_000_000, window: "day" },
      ],
      credits: 1_000_000_000,
    },
    32,
  );
  await db().identity.updateMany({
    where: { externalId: "bench-customer" },
    data: { limits: [{ name: "requests", limit: 1_000_000_000, window: "day" }] },
  });
  const allControls = verifyOf(everything, { ip: "203.0.113.9", limits: { tokens: 250 } });
  // The same request to as many keys without controls: all that differs is the controls.
  const bare32 = await keysOf("memory-os", {}, 32);
  const noControls = verifyOf(bare32, { ip: "203.0.113.9", limits: { tokens: 250 } });

  load(plain.port, allControls, 2);
  load(plain.port, noControls, 2);
  const rounds: { c: Result; cSame: Result; b: Result; ping: Result; redis?: Result }[] = [];
  const pairs: { without: Result; every: Result }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = load(barePort, verifyRequest, SECONDS, [bare.child.pid!]);
    const cSame = load(sameBytesPort, verifyRequest);
    // The other cases keep (b)'s keys idle for over a minute, so their cache entries have
    // expired (60 s) and the first requests would wait for the database: (b) and (b') are
    // the warm path, as on a gateway's steady traffic (a busy key is refreshed in the background).
    load(plain.port, verifyRequest, 2);
    const b = load(plain.port, verifyRequest, SECONDS, [plain.child.pid!]);
    const ping = load(plain.port, pingRequest, SECONDS, [plain.child.pid!]);
    let redis: Result | undefined;
    if (shared) {
      load(shared.port, verifyRequest, 2);
      redis = load(shared.port, verifyRequest, SECONDS, [shared.child.pid!, ...redisServerPid]);
    }
    rounds.push({ c, cSame, b, ping, redis });
    // The pair back to back, each first in turn, twice a round: this VM's speed drifts by more
    // than the difference measured, so one pair alone says little.
    for (const everyFirst of [false, true]) {
      const one = load(plain.port, everyFirst ? allControls : noControls);
      const two = load(plain.port, everyFirst ? noControls : allControls);
      pairs.push(everyFirst ? { every: one, without: two } : { without: one, every: two });
    }
  }
  let redisPerKey = "";
  // Measured at once: the counters expire two minutes after their last use.
  if (redisClient && shared) {
    await stop(shared.child);
    const sizes: number[] = [];
    for (const id of [rootKey.key.id, ...keys.map((k) => k.id)]) {
      const names = [...(await redisClient.keys(`kh:rl:${id}`)), ...(await redisClient.keys(`kh:rlc:${id}:*`))];
      let bytes = 0;
      for (const name of names) bytes += Number(await redisClient.memory("USAGE", name));
      sizes.push(bytes);
    }
    const rootBytes = sizes[0];
    const maxCustomer = Math.max(...sizes.slice(1));
    redisPerKey = `Redis memory per key: root key ${(rootBytes / 1024).toFixed(1)} KiB (limit 1,000,000/min), largest customer key ${(maxCustomer / 1024).toFixed(1)} KiB (limit 10,000/min)`;
    redisClient.disconnect();
  }
  const withEverything = median(pairs.map((r) => r.every));
  const withoutControls = median(pairs.map((r) => r.without));
  const everyChanges = pairs.map((r) => (r.every.rate / r.without.rate - 1) * 100);
  const everyRatios = everyChanges.map((x) => `${x.toFixed(1)}%`).join(", ");
  const sortedChanges = [...everyChanges].sort((x, y) => x - y);
  const mid = sortedChanges.length / 2;
  const everyMedian = Number.isInteger(mid) ? (sortedChanges[mid - 1] + sortedChanges[mid]) / 2 : sortedChanges[Math.floor(mid)];
  const c = median(rounds.map((r) => r.c));
  const cSame = median(rounds.map((r) => r.cSame));
  const b = median(rounds.map((r) => r.b));
  const bPing = median(rounds.map((r) => r.ping));
  const ratios = (pick: (r: (typeof rounds)[number]) => Result) =>
    rounds.map((r) => (pick(r).rate / r.c.rate).toFixed(2)).join(", ");

  // (d) each profile's keys through verify, and keys with every control set.
  const profileRows: [string, Result][] = [];
  for (const profile of ["mem0", "memorysync", "memoryrelay", "memlayer"] as const) {
    const list = await keysOf(profile, {}, 32);
    load(plain.port, verifyOf(list), 2); // first uses load the new keys from the database
    profileRows.push([`(d) verify, ${PROFILES[profile].label} keys`, load(plain.port, verifyOf(list))]);
  }
  // Read every 10 s, not only at the end: V8 may let the heap grow for a while before a full
  // collection gives it back, so the end alone can land before or after one.
  const rssSoak: number[] = [];
  for (let left = SOAK_SECONDS; left > 0; left -= 10) {
    load(plain.port, verifyRequest, Math.min(10, left));
    rssSoak.push(rssMb(plain.child.pid!));
  }
  await stop(plain.child);

  // Several instances share credits through the database: one statement per round trip.
  const scaled = await server({ REDIS_URL: undefined });
  load(scaled.port, verifyRequest, WARMUP_SECONDS);
  load(scaled.port, noControls, 2);
  const withoutScaled = load(scaled.port, noControls);
  load(scaled.port, allControls, 2);
  const everythingScaled = load(scaled.port, allControls);
  await stop(scaled.child);

  await stop(bare.child);
  await stop(sameBytes.child);
  console.log();
  row(`(c) bare node:http, fixed JSON (median of ${ROUNDS})`, c);
  row("(c') bare node:http, our verify answer's exact bytes", cSame, c);
  row("(b) POST /api/v1/keys/verify", b, c);
  row("(b') GET /api/v1/ping", bPing, c);
  const bRedis = shared ? median(rounds.map((r) => r.redis!)) : undefined;
  if (bRedis) row("(b'') POST /api/v1/keys/verify, limits in Redis", bRedis, c);
  else console.log(`(b'') skipped: no Redis at ${REDIS_URL}`);
  for (const [label, r] of profileRows) row(label, r, c);
  row("(d) verify, 32 keys without controls (same body)", withoutControls, c);
  row("(d) verify, 32 keys with every control (allowlist, metadata, named limits, customer, credits)", withEverything, c);
  row("(d) without controls, instance not alone", withoutScaled, c);
  row("(d) every control, credits in the database", everythingScaled, c);
  console.log();
  console.log(
    `(b)/(c) per round: ${ratios((r) => r.b)}; (b')/(c) per round: ${ratios((r) => r.ping)}; (c')/(c) per round: ${ratios((r) => r.cSame)}`,
  );
  if (shared) console.log(`(b'')/(c) per round: ${ratios((r) => r.redis!)}`);
  const cpu = (pick: (r: (typeof rounds)[number]) => Result, i = 0) => {
    const all = rounds.map((r) => pick(r).cpuUs![i]).sort((x, y) => x - y);
    return all[Math.floor(all.length / 2)];
  };
  const cpuBare = cpu((r) => r.c);
  const cpuLine = [`(c) ${cpuBare.toFixed(1)}`, `(b) ${cpu((r) => r.b).toFixed(1)}`, `(b') ${cpu((r) => r.ping).toFixed(1)}`];
  if (shared)
    cpuLine.push(
      `(b'') ${cpu((r) => r.redis!).toFixed(1)}${redisServerPid.length ? ` + redis-server ${cpu((r) => r.redis!, 1).toFixed(1)}` : ""}`,
    );
  console.log(`server CPU per request (user + kernel, µs; median of rounds): ${cpuLine.join(", ")}`);
  console.log(
    `bare's CPU per request over ours (the ratio when both are bound by the CPU): (b) ${(cpuBare / cpu((r) => r.b)).toFixed(2)}, (b') ${(cpuBare / cpu((r) => r.ping)).toFixed(2)}${shared ? `, (b'') ${(cpuBare / cpu((r) => r.redis!)).toFixed(2)}` : ""}`,
  );
  console.log(
    `p99 per round, (c) / (b) / (b'): ${rounds.map((r) => `${r.c.p99.toFixed(1)} / ${r.b.p99.toFixed(1)} / ${r.ping.p99.toFixed(1)} ms`).join("; ")}`,
  );
  console.log(`(b)/(c') per round: ${rounds.map((r) => (r.b.rate / r.cSame.rate).toFixed(2)).join(", ")}`);
  for (const [label, r] of profileRows) console.log(`${label}: ${((r.rate / b.rate - 1) * 100).toFixed(1)}% vs (b)`);
  console.log(
    `(d) every control: ${everyMedian.toFixed(1)}% vs the same keys without controls (median of ${everyChanges.length} pairs: ${everyRatios})`,
  );
  console.log(
    `(d) every control, credits in the database: ${((everythingScaled.rate / withoutScaled.rate - 1) * 100).toFixed(1)}% vs the same keys without controls on that server`,
  );
  console.log(
    `server RSS: ${rssWarm.toFixed(0)} MB after warm-up, ${
      rssSoak.length
        ? `${rssSoak.at(-1)!.toFixed(0)} MB after ${SOAK_SECONDS} s more at full load (+${(rssSoak.at(-1)! - rssWarm).toFixed(0)} MB; ` +
          `every 10 s: ${rssSoak.map((mb) => mb.toFixed(0)).join(", ")} MB, highest +${(Math.max(...rssSoak) - rssWarm).toFixed(0)} MB)`
        : "no soak"
    }`,
  );
  if (redisPerKey) console.log(redisPerKey);
  console.log(
    `database writes per 1,000 verifications (a): ${((writes / n) * 1000).toFixed(3)} (${writes} statements for ${n.toLocaleString("en-US")} verifications)`,
  );
  await db().$disconnect();
  await embedded?.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
