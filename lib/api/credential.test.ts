import { describe, expect, it } from "vitest";
import { PROFILES } from "../profiles/catalog";
import { presentedKey } from "./credential";

const KEY = "mos_live_0123456789abcdefghijABCDEFGHIJ012345";
const OTHER = "mos_live_9876543210abcdefghijABCDEFGHIJ012345";

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe("the key a request presents", () => {
  it("is read from Authorization (Bearer, Token) or X-API-Key, trimmed", () => {
    expect(presentedKey({ authorization: `Bearer ${KEY}` })).toBe(KEY);
    expect(presentedKey({ authorization: `token ${KEY}` })).toBe(KEY);
    expect(presentedKey({ "x-api-key": `  ${KEY} ` })).toBe(KEY);
    expect(presentedKey({})).toBeUndefined();
    expect(presentedKey({ "x-api-key": "   " })).toBeUndefined();
    expect(presentedKey({ authorization: "Bearer" })).toBeUndefined();
  });

  it("is one key when every place carries the same one", () => {
    expect(presentedKey({ authorization: `Bearer ${KEY}`, "x-api-key": ` ${KEY}` })).toBe(KEY);
    expect(presentedKey({ "x-api-key": [KEY, KEY] } as never)).toBe(KEY);
  });

  it("two different keys, or an empty one beside a key, are a 400", () => {
    expect(refusal(() => presentedKey({ authorization: `Bearer ${KEY}`, "x-api-key": OTHER }))).toBe("BAD_REQUEST");
    expect(refusal(() => presentedKey({ authorization: "Bearer", "x-api-key": KEY }))).toBe("BAD_REQUEST");
    expect(refusal(() => presentedKey({ "x-api-key": [KEY, OTHER] } as never))).toBe("BAD_REQUEST");
  });

  it("follows the profile: a scheme it does not take is a 401, a header it does not read is ignored", () => {
    expect(refusal(() => presentedKey({ authorization: `Basic ${KEY}` }))).toBe("UNAUTHORIZED");
    expect(refusal(() => presentedKey({ authorization: `Bearer ${KEY}` }, PROFILES.mem0.credential))).toBe("UNAUTHORIZED");
    expect(presentedKey({ "x-api-key": KEY }, PROFILES.mem0.credential)).toBeUndefined();
    expect(presentedKey({ authorization: `Bearer ${KEY}` }, PROFILES.memlayer.credential)).toBeUndefined();
  });
});
