// The built server (`npm run build` first) on a throw-away embedded database, for the scripts
// that drive the real pages (screenshots, dashboard timings). DATABASE_URL then points this
// process at the same database, so a script can fill it through lib/.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

export async function startBuiltServer(port: number, name: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `keyhouse-${name}-`));
  const server = spawn(process.execPath, ["dist/server.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", KEYHOUSE_DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    server.kill("SIGTERM");
    if (server.exitCode === null) await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/v1/health`);
  } catch (err) {
    await stop();
    throw err;
  }
  process.env.DATABASE_URL = readFileSync(path.join(dataDir, "pglite.url"), "utf8").trim();
  return { base, stop };
}
