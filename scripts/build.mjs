// `npm run build`: the Prisma client (when the schema changed), Next's production build, and
// the server (server.ts and the embedded database's process) bundled by esbuild into dist/.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { generatePrismaClient } from "./prisma-generate.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const step = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: "inherit" }).status === 0;

const ok =
  generatePrismaClient() &&
  step(bin("next"), ["build"]) &&
  step(bin("esbuild"), [
    "server.ts",
    "lib/db/pglite-server.ts",
    "--bundle",
    "--platform=node",
    "--format=cjs",
    "--target=node20",
    // Dependencies stay in node_modules; only our own code is bundled.
    "--packages=external",
    "--sourcemap",
    "--entry-names=[name]",
    "--outdir=dist",
    "--log-level=warning",
  ]);
process.exit(ok ? 0 : 1);
