// A separate API instance in its own process, for multi-instance tests:
//   node --import tsx tests/helpers/api-instance.ts   → prints {"port": N} once listening.
// Uses the environment (DATABASE_URL, REDIS_URL). SIGTERM: stop, flush usage, exit.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildApi } from "../../lib/api/app";
import { db } from "../../lib/db/client";
import { startBroadcast } from "../../lib/events/broadcast";
import { runShutdownTasks } from "../../lib/server/shutdown";

async function main() {
  let handler: http.RequestListener = () => {};
  const server = http.createServer((req, res) => handler(req, res));
  const app = await buildApi({
    logger: false,
    serverFactory: (h) => {
      handler = h;
      return server;
    },
  });
  await app.ready();
  const stopBroadcast = startBroadcast({ embeddedDatabase: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  process.on("SIGTERM", async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runShutdownTasks();
    await stopBroadcast();
    await db().$disconnect();
    process.exit(0);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
