// A separate API instance in its own process, for multi-instance tests:
//   node --import tsx tests/helpers/api-instance.ts   → prints {"port": N} once listening.
// Uses the environment (DATABASE_URL, REDIS_URL). SIGTERM: stop, flush usage, exit.
import { db } from "../../lib/db/client";
import { startBroadcast } from "../../lib/events/broadcast";
import { runShutdownTasks } from "../../lib/server/shutdown";
import { mountApi } from "./api-server";

async function main() {
  const { server, port } = await mountApi();
  const stopBroadcast = startBroadcast({ embeddedDatabase: false });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
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
