// The README's configuration table is rendered from lib/config/variables.ts: every variable
// lib/config/settings.ts reads is documented, and the README holds the current rendering.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSettings, SETTING_NAMES } from "../lib/config/settings";
import { configurationTable, VARIABLES } from "../lib/config/variables";

describe("the configuration table", () => {
  it("documents every variable the settings read, once", () => {
    const documented = VARIABLES.flatMap((r) => r.names);
    expect([...documented].sort()).toEqual([...SETTING_NAMES].sort());
  });

  it("is current in the README (run npm run docs:config)", () => {
    const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    expect(readme).toContain(configurationTable());
  });

  it("refuses a URL of the wrong kind, a bad level, an unknown profile and a bad proxy list by name", () => {
    expect(() => parseSettings({ REDIS_URL: "localhost:6379" })).toThrow('REDIS_URL="localhost:6379" must be a URL starting with redis:// or rediss://');
    expect(() => parseSettings({ DATABASE_URL: "mysql://x@y/z" })).toThrow('DATABASE_URL="mysql://x@y/z" must be a URL starting with postgres:// or postgresql://');
    expect(() => parseSettings({ LOG_LEVEL: "loud" })).toThrow('LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent');
    expect(() => parseSettings({ KEYHOUSE_PROFILES: "mem0,nope" })).toThrow('KEYHOUSE_PROFILES="mem0,nope" unknown profile "nope"');
    expect(() => parseSettings({ TRUST_PROXY: "10.0.0.0/99" })).toThrow('TRUST_PROXY="10.0.0.0/99" is not an IP address or CIDR range');
    expect(() => parseSettings({ KEEP_ALIVE_TIMEOUT_SECONDS: "0" })).toThrow('KEEP_ALIVE_TIMEOUT_SECONDS="0" is not a whole number of seconds from 1 to 3600');
    expect(parseSettings({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgresql://postgres@localhost/postgres?host=/tmp/x" })).toMatchObject({
      REDIS_URL: "redis://127.0.0.1:6379",
      LOG_LEVEL: "info",
      HOST: "0.0.0.0",
    });
  });
});
