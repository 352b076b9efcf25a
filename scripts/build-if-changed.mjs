// `npm start`'s build step: builds when the build's inputs changed since the last build (or
// there is none), and otherwise starts what is already built, so a restart takes seconds.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildInputsHash } from "./build-inputs.mjs";

const root = path.resolve(import.meta.dirname, "..");
const stamp = path.join(root, "dist", ".build-inputs");
const built = () => existsSync(path.join(root, "dist", "server.js")) && existsSync(path.join(root, ".next", "BUILD_ID"));

const before = buildInputsHash(root);
if (built() && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === before) {
  console.log("Nothing changed since the last build: starting it.");
  process.exit(0);
}
const run = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(stamp, `${before}\n`);
