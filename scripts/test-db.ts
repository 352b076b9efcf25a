// Starts an in-memory embedded database for a test run and prints its URL on stdout.
// Stops when stdin closes (the test runner that started it went away).
import { startEmbeddedDatabase } from "../lib/db/embedded";

async function main() {
  const database = await startEmbeddedDatabase("memory://");
  process.stdout.write(`${database.url}\n`);
  const stop = () => void database.stop().then(() => process.exit(0));
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
