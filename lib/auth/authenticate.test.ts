import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { uniqueEmail } from "../../tests/helpers/factory";
import { authenticate, INVALID_CREDENTIALS } from "./authenticate";
import { hashPassword } from "./password";
import { MAX_FAILURES } from "./throttle";

const PASSWORD = "a long enough passphrase";

async function userWithPassword() {
  const email = uniqueEmail();
  await db().user.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

function ip() {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
}

describe("authenticate", () => {
  it("signs in with the right password, case-insensitive email, and audits it", async () => {
    const email = await userWithPassword();
    const result = await authenticate({ email: `  ${email.toUpperCase()} `, password: PASSWORD, ip: ip() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const events = await db().auditEvent.findMany({ where: { actorId: result.user.id, action: "auth.signin" } });
    expect(events).toHaveLength(1);
  });

  it("answers an unknown email and a wrong password with the same message", async () => {
    const email = await userWithPassword();
    const wrong = await authenticate({ email, password: "not the password!", ip: ip() });
    const unknown = await authenticate({ email: uniqueEmail(), password: "not the password!", ip: ip() });
    expect(wrong).toEqual({ ok: false, message: INVALID_CREDENTIALS });
    expect(unknown).toEqual({ ok: false, message: INVALID_CREDENTIALS });
  });

  it("makes an account wait after 10 failures, even with the right password, from any IP", async () => {
    const email = await userWithPassword();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await authenticate({ email, password: `wrong ${i}`, ip: ip() })).ok).toBe(false);
    }
    const blocked = await authenticate({ email, password: PASSWORD, ip: ip() });
    expect(blocked).toEqual({ ok: false, message: expect.stringMatching(/Too many failed sign-ins. Try again in 15 minutes/) });
  });

  it("makes an IP wait after 10 failures across accounts", async () => {
    const from = ip();
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate({ email: uniqueEmail(), password: "whatever it is", ip: from });
    const email = await userWithPassword();
    expect((await authenticate({ email, password: PASSWORD, ip: from })).ok).toBe(false);
    expect((await authenticate({ email, password: PASSWORD, ip: ip() })).ok).toBe(true);
  });
});
