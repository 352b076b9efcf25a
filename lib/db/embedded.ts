import { fork, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  /** The Unix socket the database listens on (in a directory of mode 0700). */
  socketPath: string;
  stop(): Promise<void>;
}

/** A directory only this OS user may enter (0700), for the database's Unix socket. */
function privateDirectory(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // mkdir's mode does not apply to a directory that already exists
  return dir;
}

/**
 * Starts PGlite in its own process behind a Unix socket that only this OS user can reach.
 * dataDir: a directory (persisted; the socket goes in `run/` beside it) or "memory://"
 * (tests; the socket goes in a private temporary directory).
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const memory = dataDir === "memory://";
  if (!memory) {
    privateDirectory(path.dirname(dataDir));
    mkdirSync(dataDir, { recursive: true });
  }
  const socketDir = memory
    ? mkdtempSync(path.join(os.tmpdir(), "keyhouse-pg-"))
    : privateDirectory(path.join(path.dirname(dataDir), "run"));
  // libpq's convention, which pg follows: host=<directory>, socket file .s.PGSQL.<port>.
  const socketPath = path.join(socketDir, ".s.PGSQL.5432");
  // Same extension as this file: .js when compiled, .ts when run from source (tests, CLI).
  const ext = path.extname(__filename);
  const child = fork(path.join(__dirname, `pglite-server${ext}`), [], {
    execArgv: ext === ".ts" ? ["--import", "tsx"] : [],
    env: { ...process.env, KEYHOUSE_PGLITE_DIR: dataDir, KEYHOUSE_PGLITE_SOCKET: socketPath },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Embedded database did not start within 60 s")), 60_000);
    child.once("message", (msg: { type: string; message?: string }) => {
      clearTimeout(timer);
      if (msg.type === "ready") resolve();
      else reject(new Error(`Embedded database failed to start: ${msg.message ?? "unknown error"}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Embedded database exited during start-up (code ${code})`));
    });
  });
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`,
    socketPath,
    stop: async () => {
      await stopChild(child);
      rmSync(memory ? socketDir : socketPath, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
