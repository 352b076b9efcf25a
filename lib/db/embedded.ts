import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in its own process behind a loopback socket.
 * dataDir: a directory (persisted) or "memory://" (tests).
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  // Same extension as this file: .js when compiled, .ts when run from source (tests, CLI).
  const ext = path.extname(__filename);
  const child = fork(path.join(__dirname, `pglite-server${ext}`), [], {
    execArgv: ext === ".ts" ? ["--import", "tsx"] : [],
    env: { ...process.env, KEYHOUSE_PGLITE_DIR: dataDir },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Embedded database did not start within 60 s")), 60_000);
    child.once("message", (msg: { type: string; address?: string; message?: string }) => {
      clearTimeout(timer);
      if (msg.type === "ready" && msg.address) resolve(msg.address);
      else reject(new Error(`Embedded database failed to start: ${msg.message ?? "unknown error"}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Embedded database exited during start-up (code ${code})`));
    });
  });
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    stop: () => stopChild(child),
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
