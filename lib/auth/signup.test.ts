import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { uniqueEmail } from "../../tests/helpers/factory";
import { EMAIL_TAKEN, signUp, signUpSchema } from "./signup";

const valid = () => ({
  name: "Ada",
  email: uniqueEmail(),
  password: "a long enough passphrase",
  organizationName: "Analytical Engines",
});

describe("signUp", () => {
  it("creates the user, their organization and an OWNER membership", async () => {
    const input = valid();
    const result = await signUp(signUpSchema.parse(input));
    expect(result.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({
      where: { email: input.email },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0].role).toBe("OWNER");
    expect(user.memberships[0].organization.name).toBe("Analytical Engines");
  });

  it("refuses a taken email and creates nothing", async () => {
    const input = valid();
    await signUp(signUpSchema.parse(input));
    const again = await signUp(signUpSchema.parse({ ...input, email: input.email.toUpperCase(), organizationName: "Another" }));
    expect(again).toEqual({ ok: false, fieldErrors: { email: [EMAIL_TAKEN] } });
    expect(await db().organization.count({ where: { name: "Another" } })).toBe(0);
    expect(await db().user.count({ where: { email: input.email } })).toBe(1);
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
});
