// Child process: an embedded PostgreSQL (PGlite, WASM) served on a loopback port so
// the app reaches it exactly as it reaches a real server (pg + @prisma/adapter-pg).
// Started and stopped by lib/db/embedded.ts; reports its address over IPC.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

async function main(): Promise<void> {
  const dataDir = process.env.KEYHOUSE_PGLITE_DIR || "memory://";
  const maxConnections = Number(process.env.KEYHOUSE_PGLITE_MAX_CONNECTIONS ?? 40);
  const db = await PGlite.create(dataDir);
  // Port 0: the OS picks a free port (5432 may belong to a real server, two checkouts may run).
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections });
  await server.start();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => {});
    await db.close().catch(() => {});
    process.exit(0);
  };
  // Ctrl+C reaches the whole process group; the parent decides when we stop (after it
  // has flushed its buffers), by SIGTERM or by going away.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
  process.send?.({ type: "ready", address: server.getServerConn() });
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : typeof err === "object" ? JSON.stringify(err) : String(err);
  process.send?.({ type: "error", message });
  process.exit(1);
});
