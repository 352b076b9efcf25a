import { isUniqueViolation } from "../db/errors";
import { z } from "zod";
import { text } from "../validation/text";
import { db } from "../db/client";
import { recordAudit, type AuditContext } from "../audit/record";
import { newOrganizationProfileSchema } from "../profiles/enabled";
import { createOrganization } from "../orgs/create-organization";
import { normalizeEmail } from "./authenticate";
import { checkPasswordPolicy, hashPassword, HashingBusy, PASSWORD_MAX, typicalHashDuration } from "./password";
import { settings } from "../config/settings";
import { mailEnabled, sendMail } from "../mail";
import { log } from "../log";
import { createSignInLink } from "./email-link";

export const signUpSchema = z.object({
  name: text().trim().min(1, { error: "Enter your name." }).max(100, { error: "Use at most 100 characters." }),
  email: z
    .string()
    .trim()
    .max(254, { error: "Use at most 254 characters." })
    .pipe(z.email({ error: "Enter a valid email address." })),
  // Not trimmed: spaces are part of a password.
  password: z
    .string()
    .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters.` })
    .superRefine((p, ctx) => {
      const problem = checkPasswordPolicy(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // Empty when the person signs up to accept an invitation (`joining`): they join that
  // organization instead of making one.
  organizationName: text().trim().max(64, { error: "Use at most 64 characters." }),
  joining: z.boolean().default(false),
  profile: newOrganizationProfileSchema,
}).superRefine((v, ctx) => {
  if (!v.joining && !v.organizationName) ctx.addIssue({ code: "custom", path: ["organizationName"], message: "Name your organization." });
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export type SignUpResult =
  | { ok: true; created: boolean }
  | { ok: false; fieldErrors?: Partial<Record<keyof SignUpInput, string[]>>; message?: string };

/**
 * With email configured, what every accepted sign-up hears, whether the email was free or
 * already had an account: the mailbox learns which, a stranger does not.
 */
export const SIGNUP_CHECK_EMAIL = "Check your email: the next step is on its way to this address.";

/**
 * Without email there is no way to tell the owner of an address privately, so a taken
 * address is said plainly; the sign-up throttle bounds how many addresses anyone can test.
 */
export const SIGNUP_TAKEN = "This email is already registered: sign in or reset your password.";

// Per IP and for the whole deployment, per hour (the environment can raise them for tests
// or lower them under attack).
const PER_IP_PER_HOUR = settings().KEYHOUSE_SIGNUPS_PER_IP_PER_HOUR;
const PER_HOUR = settings().KEYHOUSE_SIGNUPS_PER_HOUR;
const HOUR_MS = 60 * 60 * 1000;

async function signUpAllowed(ip: string): Promise<boolean> {
  const since = new Date(Date.now() - HOUR_MS);
  const [fromIp, all] = await Promise.all([
    db().signUpAttempt.count({ where: { ip, createdAt: { gte: since } } }),
    db().signUpAttempt.count({ where: { createdAt: { gte: since } } }),
  ]);
  return fromIp < PER_IP_PER_HOUR && all < PER_HOUR;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the user and their organization (as OWNER) in one transaction. Throttled per IP
 * and globally; the email is checked before the (expensive) password hash, and a taken
 * email is answered exactly like a free one, after about as long.
 */
export async function signUp(input: SignUpInput, context: AuditContext = {}, baseUrl = ""): Promise<SignUpResult> {
  const ip = context.ip ?? "unknown";
  if (!(await signUpAllowed(ip))) {
    return { ok: false, message: "Too many sign-ups from your network. Try again in an hour." };
  }
  await db().signUpAttempt.create({ data: { ip } });
  const email = normalizeEmail(input.email);
  const taken = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (taken) {
    await sleep(typicalHashDuration());
    if (mailEnabled()) void tellOwnerOfTakenAddress(email, baseUrl);
    return { ok: true, created: false };
  }
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password);
  } catch (err) {
    if (err instanceof HashingBusy) return { ok: false, message: "We are busy. Try again in a minute." };
    throw err;
  }
  try {
    const created = await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: input.name, passwordHash }, select: { id: true } });
      const actor = { type: "user" as const, id: user.id, label: email };
      await recordAudit({ actor, action: "user.signed_up", target: { type: "user", id: user.id }, context }, tx);
      if (input.organizationName) {
        const org = await createOrganization(tx, { name: input.organizationName, ownerId: user.id, profile: input.profile });
        await recordAudit(
          { actor, action: "org.created", organizationId: org.id, target: { type: "organization", id: org.id }, context },
          tx,
        );
      }
      return { ok: true as const, created: true };
    });
    if (created.created && mailEnabled()) void welcome(email, baseUrl).catch((err: unknown) => log().error({ err }, "welcome email failed"));
    return created;
  } catch (err) {
    // Two sign-ups for one new email at once: the loser answers like any taken email.
    if (isUniqueViolation(err)) return { ok: true, created: false };
    throw err;
  }
}

// Sent after the answer, so the time to answer does not tell a taken address from a free one.
async function welcome(email: string, baseUrl: string) {
  const link = await createSignInLink(email, baseUrl);
  return sendMail({
    to: email,
    subject: "Your Keyhouse account is ready",
    text: [
      "Your Keyhouse account is ready. Confirm this address and sign in to create your first API key:",
      link,
      "",
      "The link works once, within 24 hours. Later, sign in with your password:",
      `${baseUrl}/signin?email=${encodeURIComponent(email)}`,
    ].join("\n"),
  });
}

function tellOwnerOfTakenAddress(email: string, baseUrl: string) {
  return sendMail({
    to: email,
    subject: "Someone tried to sign up to Keyhouse with your address",
    text: [
      "Someone tried to create a Keyhouse account with this email address, which already has one.",
      "",
      "If it was you, sign in, or reset your password if you forgot it:",
      `${baseUrl}/signin?email=${encodeURIComponent(email)}`,
      `${baseUrl}/forgot-password`,
      "",
      "If it was not you, nothing changed: you can ignore this email.",
    ].join("\n"),
  });
}
