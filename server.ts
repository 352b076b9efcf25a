// One node:http server: /api/v1/* and /compat/* go to the API (lib/api/fast-routes.ts, then
// Fastify), everything else to Next.
// Why two front ends in one process: docs/architecture.md.
import "./lib/config/check-settings";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { buildApiListener, API_PREFIX, COMPAT_PREFIX } from "./lib/api/app";
import { enabledProfiles } from "./lib/profiles/enabled";
import { ensureAuthSecret } from "./lib/config/secret";
import { startBroadcast } from "./lib/events/broadcast";
import { db } from "./lib/db/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./lib/db/embedded";
import { migrate, MigrationError } from "./lib/db/migrate";
import { CLIENT_IP_HEADER, clientIp, trustProxyFromEnv } from "./lib/http/client-ip";
import { setSecurityHeaders } from "./lib/http/security-headers";
import { formatSeededAccounts, seedIfEmpty } from "./lib/seed";
import { runShutdownTasks } from "./lib/server/shutdown";
import { startMetricsServer } from "./lib/metrics/server";
import { startUsageRetention } from "./lib/usage/retention";
import { settings } from "./lib/config/settings";

const root = existsSync(path.join(__dirname, "package.json")) ? __dirname : path.join(__dirname, "..");
const dev = process.argv.includes("--dev");
const port = settings().PORT;
const host = process.env.HOST ?? "0.0.0.0";
const dataDir = path.resolve(root, process.env.KEYHOUSE_DATA_DIR ?? "data");

async function main(): Promise<void> {
  const started = Date.now();
  enabledProfiles(); // a bad KEYHOUSE_PROFILES stops the start before anything else runs
  const keepAliveSeconds = settings().KEEP_ALIVE_TIMEOUT_SECONDS;
  process.env.NEXTAUTH_SECRET = ensureAuthSecret(dataDir);

  let embedded: EmbeddedDatabase | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedDatabase(path.join(dataDir, "pglite"));
    process.env.DATABASE_URL = embedded.url;
    // The operator CLI reaches the running embedded database through this file.
    writeFileSync(path.join(dataDir, "pglite.url"), embedded.url, { mode: 0o600 });
    console.log(`Embedded PostgreSQL (PGlite) on the Unix socket ${embedded.socketPath}, data in ${dataDir}/pglite`);
    // The embedded database serves this process alone: credits can be held in memory.
    process.env.KEYHOUSE_SINGLE_INSTANCE ??= "true";
  }
  const stopEmbedded = async () => {
    if (!embedded) return;
    rmSync(path.join(dataDir, "pglite.url"), { force: true });
    await embedded.stop();
  };

  try {
    const result = await migrate(process.env.DATABASE_URL!, path.join(root, "prisma", "migrations"));
    if (result.applied.length) console.log(`Applied migrations: ${result.applied.join(", ")}`);
  } catch (err) {
    console.error(err instanceof MigrationError ? `Start-up stopped: ${err.message}` : err);
    await stopEmbedded();
    process.exit(1);
  }

  const stopBroadcast = startBroadcast({ embeddedDatabase: Boolean(embedded) });
  const stopRetention = startUsageRetention();
  const seeded = await seedIfEmpty();
  if (seeded) console.log(formatSeededAccounts(seeded));

  // Next fetches a server action's redirect target from hostname:port and forwards the
  // user's cookies: it must be this server, never its default 127.0.0.1:3000.
  const nextApp = next({ dev, dir: root, hostname: host === "0.0.0.0" || host === "::" ? "localhost" : host, port });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();
  const handleUpgrade = nextApp.getUpgradeHandler();

  const trustProxy = trustProxyFromEnv(); // a bad TRUST_PROXY stops the start, not a request
  let handleApi: http.RequestListener = () => {};
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientIp(req, trustProxy);
    const url = req.url ?? "/";
    if (url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`) || url.startsWith(`${COMPAT_PREFIX}/`)) {
      handleApi(req, res); // sets the security headers itself (in one writeHead on the fast routes)
      return;
    }
    setSecurityHeaders(res, dev);
    // Only Next itself may mark a request as its own subrequest.
    delete req.headers["x-middleware-subrequest"];
    void handleNext(req, res);
  });
  const { listener } = await buildApiListener(server, { logger: settings().LOG_LEVEL !== "silent" });
  handleApi = listener;
  server.keepAliveTimeout = keepAliveSeconds * 1000; // longer than a proxy's: lib/http/keep-alive.ts
  server.on("upgrade", (req, socket, head) => void handleUpgrade(req, socket, head));

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const bound = (server.address() as { port: number }).port;
  process.env.NEXTAUTH_URL ??= `http://localhost:${bound}`;
  console.log(
    `Keyhouse ready on http://localhost:${bound} (${dev ? "development" : "production"}, started in ${Date.now() - started} ms)`,
  );
  const { METRICS_PORT, METRICS_HOST } = settings();
  const metrics = METRICS_PORT === undefined ? null : await startMetricsServer(METRICS_PORT, METRICS_HOST);
  if (metrics) console.log(`Prometheus metrics on http://${METRICS_HOST}:${metrics.port}/metrics`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => server.closeAllConnections(), 5000).unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    await metrics?.close();
    stopRetention();
    await runShutdownTasks(); // flushes buffered usage while the database is still up
    await stopBroadcast();
    await db().$disconnect();
    await stopEmbedded();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error("Keyhouse failed to start:", err);
  process.exit(1);
});
