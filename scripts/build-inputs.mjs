// What a build is made from, as one hash: every file of the app's sources, its schema, its
// configuration and the lockfile. `npm start` builds again only when this hash changed.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma",
  "server.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function files(root, rel, out) {
  const full = path.join(root, rel);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      files(root, path.join(rel, name), out);
    }
  } else out.push(rel);
}

/** The hash of the build's inputs under `root`: same files, same contents, same hash. */
export function buildInputsHash(root) {
  const list = [];
  for (const input of BUILD_INPUTS) files(root, input, list);
  const hash = createHash("sha256");
  for (const rel of list) {
    hash.update(rel.split(path.sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path.join(root, rel)));
    hash.update("\0");
  }
  return hash.digest("hex");
}
