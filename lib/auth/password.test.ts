import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./password";

describe("password policy", () => {
  it("refuses short, overlong and common passwords", () => {
    expect(checkPasswordPolicy("short")).toMatch(/at least 12/);
    expect(checkPasswordPolicy("x".repeat(257))).toMatch(/at most 256/);
    expect(checkPasswordPolicy("qwerty123456")).toMatch(/too common/);
    expect(checkPasswordPolicy("QWERTY123456")).toMatch(/too common/);
  });

  it("accepts a long uncommon password, up to 256 characters", () => {
    expect(checkPasswordPolicy("correct horse battery staple")).toBeNull();
    expect(checkPasswordPolicy("correct horse battery staple ".repeat(10).slice(0, 256))).toBeNull();
  });

  it("refuses passwords a strength estimator guesses at once", () => {
    for (const weak of ["aaaaaaaaaaaa", "123456789012", " ".repeat(12), "\u0000".repeat(12), "y".repeat(256)]) {
      expect(checkPasswordPolicy(weak)).toMatch(/too easy to guess|too common/);
    }
  });
});

describe("scrypt hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("a perfectly fine passphrase");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("a perfectly fine passphrase", hash)).toBe(true);
    expect(await verifyPassword("a perfectly fine passphras", hash)).toBe(false);
  });

  it("does not truncate long passwords", async () => {
    const long = "z".repeat(200);
    const hash = await hashPassword(long);
    expect(await verifyPassword(`${long.slice(0, 199)}y`, hash)).toBe(false);
  });
});
