import { Prisma } from "@prisma/client";
import { z } from "zod";
import { db } from "../db/client";
import { recordAudit, type AuditContext } from "../audit/record";
import { createOrganization } from "../orgs/create-organization";
import { normalizeEmail } from "./authenticate";
import { checkPasswordPolicy, hashPassword, PASSWORD_MAX } from "./password";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter your name." }).max(100, { error: "Use at most 100 characters." }),
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
  organizationName: z
    .string()
    .trim()
    .min(1, { error: "Name your organization." })
    .max(64, { error: "Use at most 64 characters." }),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export type SignUpResult =
  | { ok: true; userId: string; organizationSlug: string }
  | { ok: false; fieldErrors: Partial<Record<keyof SignUpInput, string[]>> };

export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/** Creates the user and their organization (as OWNER) in one transaction. */
export async function signUp(input: SignUpInput, context: AuditContext = {}): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: input.name, passwordHash }, select: { id: true } });
      const org = await createOrganization(tx, { name: input.organizationName, ownerId: user.id });
      const actor = { type: "user" as const, id: user.id, label: email };
      await recordAudit({ actor, action: "user.signed_up", target: { type: "user", id: user.id }, context }, tx);
      await recordAudit(
        { actor, action: "org.created", organizationId: org.id, target: { type: "organization", id: org.id }, context },
        tx,
      );
      return { ok: true as const, userId: user.id, organizationSlug: org.slug };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, fieldErrors: { email: [EMAIL_TAKEN] } };
    }
    throw err;
  }
}
