import nodemailer, { type Transporter } from "nodemailer";
import { log } from "./log";
import { processSingleton } from "./process-singleton";

// Outgoing email, only when SMTP_URL is set (smtp://user:pass@host:587, smtps://…); without
// it the product still works: links are shown to copy.
const transport = (): Transporter | null => {
  const url = process.env.SMTP_URL;
  return url ? processSingleton(`mail-transport:${url}`, () => nodemailer.createTransport(url)) : null;
};

export const mailEnabled = () => Boolean(process.env.SMTP_URL);

/** Sends a plain-text email; false (logged) when there is no SMTP server or it refused. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<boolean> {
  const t = transport();
  if (!t) return false;
  try {
    await t.sendMail({ from: process.env.MAIL_FROM ?? "Keyhouse <no-reply@keyhouse.local>", ...message });
    return true;
  } catch (err) {
    log().warn({ err: err instanceof Error ? err.message : String(err), to: message.to }, "email not sent");
    return false;
  }
}
