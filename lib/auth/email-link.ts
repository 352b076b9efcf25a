import { createHash, randomBytes } from "node:crypto";
import { recordAudit, type AuditContext } from "../audit/record";
import { db } from "../db/client";

/**
 * The link in a new account's welcome email: it confirms the address and signs the person in.
 * Random (256 bits), stored only as its SHA-256 in next-auth's VerificationToken table, valid
 * 24 hours and used up on first use. Opening the link shows a button rather than signing in
 * on GET, so a mail scanner that fetches every link cannot use it up.
 */
const TTL_MS = 24 * 60 * 60 * 1000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSignInLink(email: string, baseUrl: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().verificationToken.create({ data: { identifier: email, token: hashToken(token), expires: new Date(Date.now() + TTL_MS) } });
  return `${baseUrl}/verify-email/${token}`;
}

/** Whether a link can still be used (the page offers the button, or says it cannot). */
export async function isSignInLinkUsable(token: string): Promise<boolean> {
  if (token.length > 100) return false;
  const row = await db().verificationToken.findUnique({ where: { token: hashToken(token) }, select: { expires: true } });
  return Boolean(row && row.expires > new Date());
}

/** Uses the link up and marks the address verified; the user to sign in, or null. */
export async function redeemSignInLink(token: string, context: AuditContext = {}) {
  if (token.length > 100) return null;
  return db().$transaction(async (tx) => {
    // deleteMany: of two clicks at once, one deletes the row and the other finds nothing.
    const row = await tx.verificationToken.findUnique({ where: { token: hashToken(token) } });
    if (!row) return null;
    const { count } = await tx.verificationToken.deleteMany({ where: { token: row.token } });
    if (count === 0 || row.expires <= new Date()) return null;
    const user = await tx.user.findUnique({ where: { email: row.identifier }, select: { id: true, email: true, name: true, emailVerified: true } });
    if (!user) return null;
    if (!user.emailVerified) {
      await tx.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
      await recordAudit({ actor: { type: "user", id: user.id, label: user.email }, action: "user.email_verified", target: { type: "user", id: user.id }, context }, tx);
    }
    return { id: user.id, email: user.email, name: user.name };
  });
}
