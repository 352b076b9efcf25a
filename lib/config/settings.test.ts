import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseSettings } from "./settings";

describe("numeric settings", () => {
  it("take their defaults when unset or empty, and whole numbers as given", () => {
    expect(parseSettings({})).toMatchObject({ PORT: 3000, ROOT_RATELIMIT_PER_MINUTE: 1_000_000, DATABASE_POOL_SIZE: 10 });
    expect(parseSettings({ PORT: "", ROOT_RATELIMIT_PER_MINUTE: "500" })).toMatchObject({ PORT: 3000, ROOT_RATELIMIT_PER_MINUTE: 500 });
  });

  it("refuse a bad value with the variable's name, every bad one at once", () => {
    expect(() => parseSettings({ ROOT_RATELIMIT_PER_MINUTE: "abc", DATABASE_POOL_SIZE: "0", PORT: "1.5" })).toThrow(
      'Invalid configuration:\n  PORT="1.5" must be a whole number\n  DATABASE_POOL_SIZE="0" must be at least 1\n  ROOT_RATELIMIT_PER_MINUTE="abc" must be a whole number',
    );
  });

  it("read switches as true or false, and refuse anything else by name", () => {
    expect(parseSettings({}).LOG_REQUESTS).toBe(false);
    expect(parseSettings({ LOG_REQUESTS: "true" }).LOG_REQUESTS).toBe(true);
    expect(parseSettings({ LOG_REQUESTS: "0" }).LOG_REQUESTS).toBe(false);
    expect(() => parseSettings({ LOG_REQUESTS: "sometimes" })).toThrow('LOG_REQUESTS="sometimes" must be true or false');
    expect(parseSettings({ METRICS_PORT: "9464" })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: "127.0.0.1" });
    expect(parseSettings({}).METRICS_PORT).toBeUndefined();
    expect(() => parseSettings({ METRICS_PORT: "http" })).toThrow('METRICS_PORT="http" must be a whole number');
  });

  it("stop the process before anything reads them", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "cli/keyhouse.ts", "--help"], {
      env: { ...process.env, ROOT_RATELIMIT_PER_MINUTE: "abc" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Invalid configuration:\n  ROOT_RATELIMIT_PER_MINUTE="abc" must be a whole number\n');
  });
});
