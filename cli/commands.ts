import { randomBytes } from "node:crypto";
import type { ParseArgsConfig } from "node:util";
import { recordAudit } from "../lib/audit/record";
import { normalizeEmail } from "../lib/auth/authenticate";
import { hashPassword } from "../lib/auth/password";
import { db } from "../lib/db/client";
import { formatSeededAccounts, seedIfEmpty } from "../lib/seed";

type Options = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(options: Options): Promise<number>;
}

export const CLI_ACTOR = { type: "cli" as const, label: "cli" };

function fail(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return 2;
}

export const commands: Record<string, Command> = {
  migrate: {
    summary: "apply pending migrations (also done at every start)",
    options: {},
    async run() {
      process.stderr.write("Database is up to date.\n");
      return 0;
    },
  },
  seed: {
    summary: "on an empty database: create organization 'acme', its owner and a support user",
    options: {},
    async run() {
      const seeded = await seedIfEmpty();
      process.stdout.write(seeded ? `${formatSeededAccounts(seeded)}\n` : "Database already has users; nothing seeded.\n");
      return 0;
    },
  },
  "users create": {
    summary: "--email E [--name N] [--staff SUPPORT|ADMIN]: create a user; prints the password once",
    options: { email: { type: "string" }, name: { type: "string" }, staff: { type: "string" } },
    async run(o) {
      const email = typeof o.email === "string" ? normalizeEmail(o.email) : "";
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail("--email must be a valid email address");
      const staff = o.staff === undefined ? null : String(o.staff).toUpperCase();
      if (staff !== null && staff !== "SUPPORT" && staff !== "ADMIN") return fail("--staff must be SUPPORT or ADMIN");
      if (await db().user.findUnique({ where: { email } })) return fail(`a user with email ${email} already exists`);
      const password = randomBytes(15).toString("base64url");
      const user = await db().user.create({
        data: {
          email,
          name: typeof o.name === "string" ? o.name : null,
          passwordHash: await hashPassword(password),
          staffRole: staff,
        },
      });
      await recordAudit({
        actor: CLI_ACTOR,
        action: "user.created",
        target: { type: "user", id: user.id },
        metadata: { staffRole: staff },
      });
      process.stdout.write(`${password}\n`);
      return 0;
    },
  },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return ["Usage: npm run keyhouse -- <command> [options]", "", "Commands:", ...lines, ""].join("\n");
}
