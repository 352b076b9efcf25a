import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROFILE_IDS, PROFILES } from "../profiles/catalog";
import { parseProfileList } from "../profiles/enabled";
import { BASE62, checksum, generateKey, hashKey, HINT_SHAPE, keyHint, keyShapeOf, parseKey } from "./format";

const env = fc.constantFrom("live" as const, "test" as const);
const ALL = PROFILE_IDS.map((id) => PROFILES[id]);

describe("key format", () => {
  it("generates <start>[<env>_]<32 base62><6 base62 checksum> per profile", () => {
    expect(generateKey("live")).toMatch(/^mos_live_[0-9A-Za-z]{38}$/);
    expect(generateKey("test", "memorysync")).toMatch(/^ms_test_[0-9A-Za-z]{38}$/);
    expect(generateKey("live", "memlayer")).toMatch(/^ml_live_[0-9A-Za-z]{38}$/);
    expect(generateKey("test", "mem0")).toMatch(/^m0-[0-9A-Za-z]{38}$/);
    expect(generateKey("live", "memoryrelay")).toMatch(/^mem_[0-9A-Za-z]{38}$/);
    expect(parseKey(generateKey("live"), ALL)).toEqual({ profile: "memory-os", environment: "live" });
    expect(parseKey(generateKey("test", "mem0"), ALL)).toEqual({ profile: "mem0", environment: null });
  });

  it("any generated key parses as its own profile (property)", () => {
    fc.assert(
      fc.property(env, fc.constantFrom(...PROFILE_IDS), (environment, profile) => {
        fc.pre(PROFILES[profile].environments.includes(environment));
        const parsed = parseKey(generateKey(environment, profile), ALL);
        expect(parsed?.profile).toBe(profile);
        expect(parsed?.environment).toBe(PROFILES[profile].environmentInKey ? environment : null);
      }),
      { numRuns: 500 },
    );
  });

  it("any one-character change fails (property)", () => {
    fc.assert(
      fc.property(env, fc.constantFrom(...PROFILE_IDS), fc.nat(), fc.nat(), (environment, profile, pos, replacement) => {
        fc.pre(PROFILES[profile].environments.includes(environment));
        const key = generateKey(environment, profile);
        const i = pos % key.length;
        const alphabet = `${BASE62}_-`;
        let c = alphabet[replacement % alphabet.length];
        if (c === key[i]) c = alphabet[(replacement + 1) % alphabet.length];
        const changed = key.slice(0, i) + c + key.slice(i + 1);
        expect(parseKey(changed, ALL)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects other profiles' keys, wrong environments, lengths and junk", () => {
    const key = generateKey("test");
    expect(parseKey(key, [PROFILES.mem0])).toBeNull();
    expect(parseKey(key.replace("_test_", "_prod_"), ALL)).toBeNull();
    expect(parseKey(key.slice(0, -1), ALL)).toBeNull();
    expect(parseKey(`${key}x`, ALL)).toBeNull();
    expect(parseKey("", ALL)).toBeNull();
    expect(parseKey("x".repeat(10_000), ALL)).toBeNull();
    // MemLayer has no test environment: an ml_test_ string is no MemLayer key.
    const live = generateKey("live", "memlayer");
    expect(parseKey(live.replace("ml_live_", "ml_test_"), ALL)).toBeNull();
  });

  it("support search tells a mistyped key from a string that is no key", () => {
    const key = generateKey("live", "memoryrelay");
    expect(keyShapeOf(key)).toBe("key");
    expect(keyShapeOf(`${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBe("bad-checksum");
    expect(keyShapeOf("hello")).toBe("not-a-key");
  });

  it("checksum is 6 base62 characters and depends on every character", () => {
    expect(checksum("mos_live_")).toMatch(/^[0-9A-Za-z]{6}$/);
    expect(checksum("mos_live_a")).not.toBe(checksum("mos_live_b"));
  });

  it("hash is SHA-256 hex and the hint shows only the ends", () => {
    const key = generateKey("live");
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHint(key)).toBe(`mos_live_${key.slice(9, 13)}…${key.slice(-4)}`);
    expect(keyHint(key)).not.toContain(key.slice(13, 40));
    const relay = generateKey("live", "memoryrelay");
    expect(keyHint(relay)).toBe(`mem_${relay.slice(4, 8)}…${relay.slice(-4)}`);
    for (const profile of PROFILE_IDS) expect(keyHint(generateKey("live", profile))).toMatch(HINT_SHAPE);
  });

  it("keys are unique", () => {
    const keys = new Set(Array.from({ length: 10_000 }, () => generateKey("live")));
    expect(keys.size).toBe(10_000);
  });
});

describe("KEYHOUSE_PROFILES", () => {
  it("defaults to every profile, always keeps Memory OS, and refuses unknown names", () => {
    expect(parseProfileList(undefined)).toEqual([...PROFILE_IDS]);
    expect(parseProfileList(" mem0 , memlayer ")).toEqual(["memory-os", "mem0", "memlayer"]);
    expect(() => parseProfileList("mem0,supermemory")).toThrow('KEYHOUSE_PROFILES: unknown profile "supermemory"');
  });
});
