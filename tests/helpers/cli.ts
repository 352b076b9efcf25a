import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs the operator CLI in its own process: exit code, stdout, stderr. */
export function keyhouse(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "cli/keyhouse.ts", ...args], { env: process.env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
