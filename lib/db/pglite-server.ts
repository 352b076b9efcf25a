// Child process: an embedded PostgreSQL (PGlite, WASM) served on a Unix socket so the
// app reaches it exactly as it reaches a real server (pg + @prisma/adapter-pg).
// PGlite has no authentication: every client is a superuser. A Unix socket in a directory
// only the server's OS user may enter (mode 0700) is the access control; a loopback TCP
// port would let any local user read password hashes or drop the audit trigger.
// Started and stopped by lib/db/embedded.ts; reports its address over IPC.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { rmSync } from "node:fs";
import { keepMessageGroupsTogether } from "./pglite-queue";
import { settings } from "../config/settings";

async function main(): Promise<void> {
  const dataDir = process.env.KEYHOUSE_PGLITE_DIR || "memory://";
  const socketPath = process.env.KEYHOUSE_PGLITE_SOCKET;
  if (!socketPath) throw new Error("KEYHOUSE_PGLITE_SOCKET is not set");
  const maxConnections = settings().KEYHOUSE_PGLITE_MAX_CONNECTIONS;
  const db = await PGlite.create(dataDir);
  // A socket file left by a crash would make listen() fail with EADDRINUSE.
  rmSync(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  keepMessageGroupsTogether(server);
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
  process.send?.({ type: "ready" });
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : typeof err === "object" ? JSON.stringify(err) : String(err);
  process.send?.({ type: "error", message });
  process.exit(1);
});
