import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { uniqueEmail } from "../../tests/helpers/factory";
import { authenticate, INVALID_CREDENTIALS, unlockSignIn } from "./authenticate";
import { addKnownDevice } from "./known-device";
import { hashPassword } from "./password";
import { checkSignInThrottle, MAX_BACKOFF_SECONDS, MAX_FAILURES, MAX_IP_FAILURES, recordSignInAttempt } from "./throttle";

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

  it("makes one account at one IP wait 15 minutes after 10 failures, even with the right password", async () => {
    const email = await userWithPassword();
    const from = ip();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await authenticate({ email, password: `wrong ${i}`, ip: from })).ok).toBe(false);
    }
    const blocked = await authenticate({ email, password: PASSWORD, ip: from });
    expect(blocked).toEqual({ ok: false, message: expect.stringMatching(/Too many failed sign-ins. Try again in 15 minutes/) });
  });

  it("failures from many IPs only slow the account down, by at most a minute", async () => {
    const email = await userWithPassword();
    for (let i = 0; i < 40; i++) await recordSignInAttempt(email, ip(), false);
    const state = await checkSignInThrottle(email, ip());
    expect(state.allowed).toBe(false);
    expect(state.retryAfterSeconds).toBeLessThanOrEqual(MAX_BACKOFF_SECONDS);
    // A minute later the owner may try again: never locked out for good.
    expect((await checkSignInThrottle(email, ip(), { now: new Date(Date.now() + 61_000) })).allowed).toBe(true);
  });

  it("a browser that signed in to the account before is not slowed by strangers' failures", async () => {
    const email = await userWithPassword();
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    for (let i = 0; i < 40; i++) await recordSignInAttempt(email, ip(), false);
    expect((await authenticate({ email, password: PASSWORD, ip: ip() })).ok).toBe(false);
    const cookie = addKnownDevice(undefined, user.id);
    expect((await authenticate({ email, password: PASSWORD, ip: ip(), knownDeviceCookie: cookie })).ok).toBe(true);
    // Another account's device token (or a forged one) does not count.
    const other = addKnownDevice(undefined, "someone-else");
    expect((await authenticate({ email, password: PASSWORD, ip: ip(), knownDeviceCookie: other })).ok).toBe(false);
    expect((await authenticate({ email, password: PASSWORD, ip: ip(), knownDeviceCookie: `${user.id}.forged` })).ok).toBe(false);
  });

  it("a staff unlock forgets the account's failures, and is audited", async () => {
    const email = await userWithPassword();
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const from = ip();
    for (let i = 0; i < MAX_FAILURES; i++) await recordSignInAttempt(email, from, false);
    expect((await authenticate({ email, password: PASSWORD, ip: from })).ok).toBe(false);
    await unlockSignIn(user.id, { type: "cli", label: "cli" });
    expect((await authenticate({ email, password: PASSWORD, ip: from })).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { targetId: user.id, action: "user.signin_unlocked" } })).toBe(1);
  });

  it("makes an IP wait after 30 failures across accounts", async () => {
    const from = ip();
    for (let i = 0; i < MAX_IP_FAILURES; i++) await recordSignInAttempt(uniqueEmail(), from, false);
    const email = await userWithPassword();
    expect((await authenticate({ email, password: PASSWORD, ip: from })).ok).toBe(false);
    expect((await authenticate({ email, password: PASSWORD, ip: ip() })).ok).toBe(true);
  });
});
