import { describe, expect, it } from "vitest";
import { DEFAULT_KEEP_ALIVE_SECONDS, keepAliveSecondsFromEnv } from "./keep-alive";

describe("KEEP_ALIVE_TIMEOUT_SECONDS", () => {
  it("defaults to longer than a load balancer's usual 60 s", () => {
    expect(keepAliveSecondsFromEnv(undefined)).toBe(DEFAULT_KEEP_ALIVE_SECONDS);
    expect(keepAliveSecondsFromEnv(" ")).toBe(65);
  });

  it("takes whole seconds from 1 to 3600", () => {
    expect(keepAliveSecondsFromEnv("620")).toBe(620);
    expect(keepAliveSecondsFromEnv(" 1 ")).toBe(1);
    expect(keepAliveSecondsFromEnv("3600")).toBe(3600);
  });

  it.each(["0", "3601", "-5", "1.5", "65s", "abc", "1e3"])("refuses %j, naming the variable", (value) => {
    expect(() => keepAliveSecondsFromEnv(value)).toThrow(/^KEEP_ALIVE_TIMEOUT_SECONDS: .* from 1 to 3600$/);
  });
});
