import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ParseArgsConfig } from "node:util";
import { recordAudit } from "../lib/audit/record";
import { normalizeEmail, unlockSignIn } from "../lib/auth/authenticate";
import { hashPassword } from "../lib/auth/password";
import { db } from "../lib/db/client";
import { createRootKey, revokeRootKey } from "../lib/keys/root";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { importedKeySchema, importKeys, importPrefixSchema, MAX_IMPORT, type ImportedKey } from "../lib/keys/import";
import { DomainError } from "../lib/errors";
import { createKey, revokeKey } from "../lib/keys/service";
import { reinstateOrganization, suspendOrganization } from "../lib/orgs/suspension";
import { formatSeededAccounts, seedIfEmpty } from "../lib/seed";

type Options = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(options: Options): Promise<number>;
}

const CLI_ACTOR = { type: "cli" as const, id: null, label: "cli" };

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
  "users unlock": {
    summary: "EMAIL: forget an account's failed sign-ins (after a lock-out by someone else's guesses)",
    options: {},
    async run(o) {
      const email = typeof o._ === "string" ? normalizeEmail(o._) : "";
      const user = email ? await db().user.findUnique({ where: { email }, select: { id: true } }) : null;
      if (!user) return fail(`no user with email "${email}"`);
      await unlockSignIn(user.id, CLI_ACTOR);
      process.stderr.write(`Sign-in unlocked for ${email}.\n`);
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

async function orgBySlug(slug: unknown) {
  if (typeof slug !== "string" || !slug) return null;
  return db().organization.findUnique({ where: { slug }, select: { id: true, plan: true, slug: true } });
}

commands["keys create"] = {
  summary: "--org SLUG --name N [--scopes a,b] [--env live|test] | --root --name N: prints only the raw key",
  options: {
    org: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string" },
    env: { type: "string" },
    root: { type: "boolean" },
  },
  async run(o) {
    if (o.root) {
      if (o.org) return fail("--root keys belong to the deployment: drop --org");
      const { rawKey } = await createRootKey(String(o.name ?? ""), CLI_ACTOR);
      process.stdout.write(`${rawKey}\n`);
      return 0;
    }
    const org = await orgBySlug(o.org);
    if (!org) return fail(`--org must name an existing organization`);
    const parsed = createKeyInputSchema.safeParse({
      name: o.name,
      environment: o.env ?? "live",
      ...(typeof o.scopes === "string"
        ? {
            scopes: o.scopes
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
    });
    if (!parsed.success) return fail(parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
    const { rawKey } = await createKey(org, parsed.data, CLI_ACTOR);
    process.stdout.write(`${rawKey}\n`);
    return 0;
  },
};

commands["keys revoke"] = {
  summary: "ID [--reason R]: revoke a key (customer or root) at once",
  options: { reason: { type: "string" } },
  async run(o) {
    const id = typeof o._ === "string" ? o._ : "";
    const key = id
      ? await db().apiKey.findUnique({
          where: { id },
          select: { id: true, organizationId: true, organization: { select: { plan: true } } },
        })
      : null;
    if (!key) return fail(`no key with id "${id}"`);
    if (key.organizationId) {
      await revokeKey(
        { id: key.organizationId, plan: key.organization!.plan },
        key.id,
        typeof o.reason === "string" ? o.reason : undefined,
        CLI_ACTOR,
      );
    } else {
      await revokeRootKey(key.id, CLI_ACTOR);
    }
    process.stderr.write(`Key ${key.id} revoked.\n`);
    return 0;
  },
};

commands["orgs suspend"] = {
  summary: "SLUG --reason NOTE [--message TEXT]: suspend an organization (its keys answer 403 with TEXT)",
  options: { reason: { type: "string" }, message: { type: "string" } },
  async run(o) {
    const note = typeof o.reason === "string" ? o.reason : "";
    const message = typeof o.message === "string" ? o.message : undefined;
    await suspendOrganization(String(o._ ?? ""), { note, message }, CLI_ACTOR);
    process.stderr.write(`Organization ${o._} suspended.\n`);
    return 0;
  },
};

commands["orgs reinstate"] = {
  summary: "SLUG: lift a suspension",
  options: {},
  async run(o) {
    await reinstateOrganization(String(o._ ?? ""), CLI_ACTOR);
    process.stderr.write(`Organization ${o._} reinstated.\n`);
    return 0;
  },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return ["Usage: npm run keyhouse -- <command> [options]", "", "Commands:", ...lines, ""].join("\n");
}

commands["keys import"] = {
  summary:
    "FILE.jsonl --org SLUG --prefix P: import keys from another system by SHA-256, one JSON object per line " +
    "({sha256, name, scopes?, environment?, expiresAt?, last4?}); every line or none",
  options: { org: { type: "string" }, prefix: { type: "string" } },
  async run(o) {
    const org = await orgBySlug(o.org);
    if (!org) return fail("--org must name an existing organization");
    const prefix = importPrefixSchema.safeParse(o.prefix);
    if (!prefix.success) return fail(`--prefix: ${prefix.error.issues[0].message}`);
    const file = typeof o._ === "string" ? o._ : "";
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      return fail(`cannot read "${file}"`);
    }
    const entries: ImportedKey[] = [];
    const lineOf: number[] = [];
    const lineOfHash = new Map<string, number>();
    const lineOfName = new Map<string, number>();
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(lines[i]);
      } catch {
        return fail(`line ${i + 1}: not a JSON object; nothing was imported`);
      }
      const parsed = importedKeySchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return fail(`line ${i + 1}: ${issue.path.length ? `field '${issue.path.join(".")}': ` : ""}${issue.message} Nothing was imported.`);
      }
      const sameKey = lineOfHash.get(parsed.data.sha256);
      if (sameKey) return fail(`line ${i + 1}: field 'sha256': The same key as line ${sameKey}. Nothing was imported.`);
      const sameName = lineOfName.get(parsed.data.name);
      if (sameName) return fail(`line ${i + 1}: field 'name': The same name as line ${sameName}. Nothing was imported.`);
      lineOfHash.set(parsed.data.sha256, i + 1);
      lineOfName.set(parsed.data.name, i + 1);
      entries.push(parsed.data);
      lineOf.push(i + 1);
    }
    // Every line is checked above; the keys then go in batches of MAX_IMPORT, each all or none.
    let done = 0;
    for (let start = 0; start < entries.length; start += MAX_IMPORT) {
      try {
        done += (await importKeys(org, prefix.data, entries.slice(start, start + MAX_IMPORT), CLI_ACTOR)).imported.length;
      } catch (err) {
        const at = err instanceof DomainError ? /^keys\.(\d+)\.(\w+)$/.exec(err.field ?? "") : null;
        if (!at) throw err;
        const before = done ? `The ${done} keys before line ${lineOf[start]} were imported; none from there on.` : "Nothing was imported.";
        return fail(`line ${lineOf[start + Number(at[1])]}: field '${at[2]}': ${(err as DomainError).message} ${before}`);
      }
    }
    process.stderr.write(`Imported ${done} keys into ${org.slug}.\n`);
    return 0;
  },
};
