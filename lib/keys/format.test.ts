import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE62, checksum, generateKey, hashKey, keyHint, parseKey } from "./format";

const env = fc.constantFrom("live" as const, "test" as const);

describe("key format", () => {
  it("generates <prefix>_<env>_<32 base62><6 base62 checksum>", () => {
    const key = generateKey("live", "kh");
    expect(key).toMatch(/^kh_live_[0-9A-Za-z]{38}$/);
    expect(parseKey(key, "kh")).toEqual({ prefix: "kh", environment: "live" });
  });

  it("any generated key parses (property)", () => {
    fc.assert(
      fc.property(env, fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), (environment, prefix) => {
        expect(parseKey(generateKey(environment, prefix), prefix)).toEqual({ prefix, environment });
      }),
      { numRuns: 500 },
    );
  });

  it("any one-character change fails (property)", () => {
    fc.assert(
      fc.property(env, fc.nat(), fc.nat(), (environment, pos, replacement) => {
        const key = generateKey(environment, "kh");
        const i = pos % key.length;
        const alphabet = `${BASE62}_`;
        let c = alphabet[replacement % alphabet.length];
        if (c === key[i]) c = alphabet[(replacement + 1) % alphabet.length];
        const changed = key.slice(0, i) + c + key.slice(i + 1);
        expect(parseKey(changed, "kh")).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects wrong prefixes, environments, lengths and junk", () => {
    const key = generateKey("test", "kh");
    expect(parseKey(key, "mos")).toBeNull();
    expect(parseKey(key.replace("_test_", "_prod_"), "kh")).toBeNull();
    expect(parseKey(key.slice(0, -1), "kh")).toBeNull();
    expect(parseKey(`${key}x`, "kh")).toBeNull();
    expect(parseKey("", "kh")).toBeNull();
    expect(parseKey("x".repeat(10_000), "kh")).toBeNull();
  });

  it("checksum is 6 base62 characters and depends on every character", () => {
    expect(checksum("kh_live_")).toMatch(/^[0-9A-Za-z]{6}$/);
    expect(checksum("kh_live_a")).not.toBe(checksum("kh_live_b"));
  });

  it("hash is SHA-256 hex and the hint shows only the ends", () => {
    const key = generateKey("live", "kh");
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHint(key)).toBe(`kh_live_${key.slice(8, 12)}…${key.slice(-4)}`);
    expect(keyHint(key)).not.toContain(key.slice(12, 40));
  });

  it("keys are unique", () => {
    const keys = new Set(Array.from({ length: 10_000 }, () => generateKey("live", "kh")));
    expect(keys.size).toBe(10_000);
  });
});
