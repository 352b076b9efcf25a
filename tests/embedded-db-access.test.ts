// The embedded database has no authentication of its own: only the server's OS user may
// reach its socket (lib/db/embedded.ts). Run as root, as CI does, to try as another user.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";

let embedded: EmbeddedDatabase;
beforeAll(async () => {
  embedded = await startEmbeddedDatabase("memory://");
});
afterAll(() => embedded.stop());

// Connects to the socket as `user` and prints "connected" or the error code.
function tryAs(user: string, socketPath: string) {
  const script = `require("net").connect(${JSON.stringify(socketPath)}).on("connect", () => { console.log("connected"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(1); })`;
  const r = spawnSync("runuser", ["-u", user, "--", process.execPath, "-e", script], { encoding: "utf8" });
  return (r.stdout || r.stderr).trim();
}

describe("the embedded database", () => {
  it("listens on a Unix socket in a directory only its owner may enter, not on TCP", () => {
    expect(process.getuid?.(), "this test must run as root to switch to another OS user (CI does)").toBe(0);
    expect(embedded.url).not.toMatch(/@127\.0\.0\.1:|@localhost:\d/);
    expect(statSync(path.dirname(embedded.socketPath)).mode & 0o777).toBe(0o700);
  });

  it("refuses another OS user and serves its own", async () => {
    expect(tryAs("nobody", embedded.socketPath)).toBe("EACCES");
    expect(tryAs("root", embedded.socketPath)).toBe("connected");
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});
