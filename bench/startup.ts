// `npm run bench:startup`: what a newcomer waits for. Clones this repository's committed HEAD
// into a temporary folder and times the README's two commands there: `npm install`, the first
// `npm start` until /api/v1/health answers, a restart with nothing changed, and a start after
// a page changed (checking that the page shows the change).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const repo = path.resolve(__dirname, "..");
const dir = path.join(mkdtempSync(path.join(tmpdir(), "kh-startup-")), "keyhouse");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function timed(label: string, cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status})`);
  return (performance.now() - t) / 1000;
}

/** Runs `npm start` until /api/v1/health answers; returns the seconds it took and a stop function. */
async function start(): Promise<{ seconds: number; port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn("npm", ["start"], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" }, detached: true, stdio: "ignore" });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid!, "SIGINT");
    });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { seconds: (performance.now() - t) / 1000, port, stop };
    if (performance.now() - t > 600_000) throw new Error("no answer within 10 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, dir]);
  execFileSync("git", ["checkout", "--quiet", head], { cwd: dir });
  console.log(`clone of ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" }).trim()} in ${dir}`);
  const install = timed("npm install", "npm", ["install", "--no-audit", "--no-fund"]);
  console.log(`npm install                      ${install.toFixed(1)} s`);

  const first = await start();
  await first.stop();
  console.log(`first npm start to first answer  ${first.seconds.toFixed(1)} s   (install + first start: ${(install + first.seconds).toFixed(1)} s)`);

  const again = await start();
  await again.stop();
  console.log(`restart, nothing changed         ${again.seconds.toFixed(1)} s`);

  const page = path.join(dir, "app", "(auth)", "signin", "page.tsx");
  const marker = `Sign in ${Date.now()}`;
  writeFileSync(page, readFileSync(page, "utf8").replace('metadata = { title: "Sign in" }', `metadata = { title: "${marker}" }`));
  const changed = await start();
  const title = await (await fetch(`http://127.0.0.1:${changed.port}/signin`)).text();
  await changed.stop();
  console.log(`start after a page changed       ${changed.seconds.toFixed(1)} s   (the page shows the change: ${title.includes(marker) ? "yes" : "NO"})`);
  rmSync(path.dirname(dir), { recursive: true, force: true });
  if (!title.includes(marker)) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
