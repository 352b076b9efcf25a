// "Forgot password": a single-use, 30-minute link by email; every session ends on reset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../lib/auth/authenticate";
import { hashPassword } from "../lib/auth/password";
import { changePassword } from "../lib/auth/account";
import { isResetTokenUsable, queuePasswordReset, requestPasswordReset, resetPassword } from "../lib/auth/password-reset";
import { createSession } from "../lib/auth/sessions";
import { db } from "../lib/db/client";
import { uniqueEmail } from "./helpers/factory";
import { startSmtpCapture } from "./helpers/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.stop());

const OLD = "the old passphrase of this account 1";
const NEW = "a fresh passphrase after the reset 2";
const tokenIn = (message: string) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(message.replace(/=\r?\n/g, ""))?.[1];

describe("password reset", () => {
  it("emails a link that sets a new password once, ends every session, and expires", async () => {
    const email = uniqueEmail();
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword(OLD) } });
    await createSession(user.id);
    await createSession(user.id);
    const before = smtp.messages.length;
    await requestPasswordReset(email.toUpperCase(), "http://keys.example");
    expect(smtp.messages).toHaveLength(before + 1);
    const message = smtp.messages.at(-1)!;
    expect(message).toContain(`To: ${email}`);
    const token = tokenIn(message)!;
    expect(token).toBeTruthy();
    expect(await db().passwordReset.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    expect(await isResetTokenUsable(token)).toBe(true);

    await expect(resetPassword(token, "password")).rejects.toThrow(); // policy, token not used up
    await resetPassword(token, NEW);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await authenticate({ email, password: NEW, ip: "198.51.100.1" })).ok).toBe(true);
    expect((await authenticate({ email, password: OLD, ip: "198.51.100.1" })).ok).toBe(false);
    await expect(resetPassword(token, "yet another passphrase here 3")).rejects.toThrow("no longer valid");

    await requestPasswordReset(email, "http://keys.example");
    const second = tokenIn(smtp.messages.at(-1)!)!;
    await db().passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await isResetTokenUsable(second)).toBe(false);
    await expect(resetPassword(second, "yet another passphrase here 3")).rejects.toThrow("no longer valid");
  });

  it("sends nothing for an unknown email, and at most 3 links an hour per account", async () => {
    const before = smtp.messages.length;
    await requestPasswordReset(uniqueEmail(), "http://keys.example");
    expect(smtp.messages).toHaveLength(before);
    const email = uniqueEmail();
    await db().user.create({ data: { email, passwordHash: await hashPassword(OLD) } });
    for (let i = 0; i < 5; i++) await requestPasswordReset(email, "http://keys.example");
    expect(smtp.messages).toHaveLength(before + 3);
  });

  it("the form's request answers before any lookup or mail, whether or not the email exists, and is throttled (M2)", async () => {
    const email = uniqueEmail();
    await db().user.create({ data: { email, passwordHash: await hashPassword(OLD) } });
    const before = smtp.messages.length;
    const ip = { ip: `203.0.113.${Math.floor(Math.random() * 250)}` };
    expect(await queuePasswordReset(email, "http://keys.example", ip)).toBe(true);
    expect(smtp.messages).toHaveLength(before); // answered first, the work follows
    await expect.poll(() => smtp.messages.length).toBe(before + 1);
    expect(await queuePasswordReset(email, "http://keys.example", ip)).toBe(true);
    expect(await queuePasswordReset(email, "http://keys.example", ip)).toBe(false); // per address
    // Per client address, whatever the emails.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await queuePasswordReset(uniqueEmail(), "http://keys.example", ip));
    expect(answers).toEqual([true, true, false, false, false, false]); // 5 a minute: 3 were used above
  });

  it("a password change ends every reset link mailed before it (L1)", async () => {
    const email = uniqueEmail();
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword(OLD) } });
    await requestPasswordReset(email, "http://keys.example");
    const token = tokenIn(smtp.messages.at(-1)!)!;
    expect(await isResetTokenUsable(token)).toBe(true);
    const sessionToken = await createSession(user.id);
    await changePassword(user, { currentPassword: OLD, newPassword: NEW }, sessionToken);
    expect(await isResetTokenUsable(token)).toBe(false);
    await expect(resetPassword(token, "yet another passphrase here 3")).rejects.toThrow("no longer valid");
  });
});
