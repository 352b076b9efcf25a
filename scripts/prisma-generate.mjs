// Generates the Prisma client unless it was generated from this very schema already (npm
// install generates it; a build right after does not need to do it again).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const stamp = path.join(root, "node_modules", ".prisma", "client", ".schema-sha256");

export function generatePrismaClient() {
  const schema = createHash("sha256").update(readFileSync(path.join(root, "prisma", "schema.prisma"))).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === schema) return true;
  const run = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["generate"], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) return false;
  writeFileSync(stamp, schema);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(generatePrismaClient() ? 0 : 1);
