import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture } from "../../tests/helpers/smtp";
import { db } from "../db/client";
import { uniqueEmail } from "../../tests/helpers/factory";
import { createSignInLink, isSignInLinkUsable, redeemSignInLink } from "./email-link";
import { signUp, signUpSchema } from "./signup";

let n = 0;
// Each test signs up from its own address, so the per-IP limit only bites where tested.
const from = () => ({ ip: `198.51.100.${++n}`, userAgent: "vitest" });

const valid = () => ({
  name: "Ada",
  email: uniqueEmail(),
  password: "a long enough passphrase",
  organizationName: "Analytical Engines",
});

describe("signUp", () => {
  it("creates the user, their organization and an OWNER membership", async () => {
    const input = valid();
    const result = await signUp(signUpSchema.parse(input), from());
    expect(result).toEqual({ ok: true, created: true });
    const user = await db().user.findUniqueOrThrow({
      where: { email: input.email },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0].role).toBe("OWNER");
    expect(user.memberships[0].organization.name).toBe("Analytical Engines");
  });

  it("reports a taken email (the action words it per mail setting) and creates nothing", async () => {
    const input = valid();
    await signUp(signUpSchema.parse(input), from());
    const again = await signUp(
      signUpSchema.parse({ ...input, email: input.email.toUpperCase(), organizationName: "Another" }),
      from(),
    );
    expect(again).toEqual({ ok: true, created: false });
    expect(await db().organization.count({ where: { name: "Another" } })).toBe(0);
    expect(await db().user.count({ where: { email: input.email } })).toBe(1);
  });

  it("allows 5 sign-ups an hour from one IP, then refuses with a message", async () => {
    const ip = { ip: "203.0.113.77", userAgent: "vitest" };
    for (let i = 0; i < 5; i++) expect((await signUp(signUpSchema.parse(valid()), ip)).ok).toBe(true);
    const refused = await signUp(signUpSchema.parse(valid()), ip);
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/Too many sign-ups/) });
    // Another address is not affected.
    expect((await signUp(signUpSchema.parse(valid()), from())).ok).toBe(true);
  });

  it("refuses NUL and unpaired surrogates in names instead of failing in the database", () => {
    for (const bad of ["a\u0000b", "x\ud800y"]) {
      expect(signUpSchema.safeParse({ ...valid(), name: bad }).success).toBe(false);
      expect(signUpSchema.safeParse({ ...valid(), organizationName: bad }).success).toBe(false);
    }
  });

  it.each([
    ["email", { email: "not-an-email" }, "Enter a valid email address."],
    ["password", { password: "short" }, "Use at least 12 characters."],
    ["password", { password: "1qaz2wsx3edc" }, "This password is too common. Choose another."],
    ["name", { name: "   " }, "Enter your name."],
    ["organizationName", { organizationName: "" }, "Name your organization."],
  ])("explains a bad %s", (field, patch, message) => {
    const parsed = signUpSchema.safeParse({ ...valid(), ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  describe("with SMTP_URL set", () => {
    let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
    beforeAll(async () => {
      smtp = await startSmtpCapture();
    });
    afterAll(() => smtp.stop());
    const mailTo = async (email: string) => {
      for (let i = 0; i < 50 && !smtp.messages.some((m) => m.includes(`To: ${email}`)); i++) await new Promise((r) => setTimeout(r, 20));
      return smtp.messages.filter((m) => m.includes(`To: ${email}`)).map((m) => m.replace(/=\r?\n/g, ""));
    };

    it("mails a new account its sign-in link, and the owner of a taken address a warning", async () => {
      const input = valid();
      expect(await signUp(signUpSchema.parse(input), from(), "http://keys.example")).toEqual({ ok: true, created: true });
      const welcome = await mailTo(input.email);
      expect(welcome).toHaveLength(1);
      expect(welcome[0]).toContain("Your Keyhouse account is ready");
      expect(welcome[0]).toContain("http://keys.example/signin?email=");

      // The link confirms the address and signs in, once.
      const token = welcome[0].match(/http:\/\/keys\.example\/verify-email\/([\w-]+)/)?.[1];
      expect(token).toBeDefined();
      expect(await isSignInLinkUsable(token!)).toBe(true);
      const user = await redeemSignInLink(token!, { ip: "198.51.100.200" });
      expect(user).toMatchObject({ email: input.email, name: "Ada" });
      expect((await db().user.findUniqueOrThrow({ where: { email: input.email } })).emailVerified).toBeInstanceOf(Date);
      expect(await db().auditEvent.count({ where: { action: "user.email_verified", actorId: user!.id } })).toBe(1);
      expect(await redeemSignInLink(token!)).toBeNull();
      expect(await isSignInLinkUsable(token!)).toBe(false);

      expect(await signUp(signUpSchema.parse({ ...input, name: "Mallory" }), from(), "http://keys.example")).toEqual({ ok: true, created: false });
      for (let i = 0; i < 50 && (await mailTo(input.email)).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      const warning = (await mailTo(input.email))[1];
      expect(warning).toContain("Someone tried to sign up to Keyhouse with your address");
      expect(warning).toContain("http://keys.example/forgot-password");
    });
  });
});

describe("sign-in links", () => {
  it("refuse an expired link, an unknown one and an oversized one", async () => {
    const email = uniqueEmail();
    await db().user.create({ data: { email } });
    const link = await createSignInLink(email, "");
    const token = link.split("/").at(-1)!;
    await db().verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await isSignInLinkUsable(token)).toBe(false);
    expect(await redeemSignInLink(token)).toBeNull();
    expect(await redeemSignInLink("nope")).toBeNull();
    expect(await redeemSignInLink("x".repeat(5000))).toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { email } })).emailVerified).toBeNull();
  });
});
