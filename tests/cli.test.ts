import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { verifyPassword } from "../lib/auth/password";
import { uniqueEmail } from "./helpers/factory";

const run = promisify(execFile);

export function keyhouse(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "cli/keyhouse.ts", ...args], { env: process.env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("operator CLI", () => {
  it("users create prints only the password, creates a staff user and audits it as cli", async () => {
    const email = uniqueEmail();
    const r = await keyhouse("users", "create", "--email", email.toUpperCase(), "--staff", "support");
    expect(r.code).toBe(0);
    const password = r.stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.staffRole).toBe("SUPPORT");
    expect(await verifyPassword(password, user.passwordHash!)).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { targetId: user.id, action: "user.created" } });
    expect(audit).toMatchObject({ actorType: "cli", actorLabel: "cli" });
  });

  it("refuses bad input with exit code 2 and a message", async () => {
    expect(await keyhouse("users", "create", "--email", "nope")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("valid email"),
    });
    expect(await keyhouse("users", "create", "--email", uniqueEmail(), "--staff", "GOD")).toMatchObject({ code: 2 });
    expect(await keyhouse("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("Usage") });
  });
});
