// Operator CLI: `npm run keyhouse -- <command>`. Same lib/ code as the app; every change
// it makes is audited with actor "cli". Run `npm run keyhouse -- help` for the commands.
import "../lib/config/check-settings";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { startBroadcast } from "../lib/events/broadcast";
import { commands, usage } from "./commands";
import { DomainError } from "../lib/errors";

const dataDir = path.resolve(process.env.KEYHOUSE_DATA_DIR ?? "data");

async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** DATABASE_URL, else the running server's embedded database, else start it ourselves. */
async function connect(): Promise<EmbeddedDatabase | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const urlFile = path.join(dataDir, "pglite.url");
  if (existsSync(urlFile)) {
    const url = readFileSync(urlFile, "utf8").trim();
    if (await reachable(url)) {
      process.env.DATABASE_URL = url;
      return undefined;
    }
  }
  const embedded = await startEmbeddedDatabase(path.join(dataDir, "pglite"));
  process.env.DATABASE_URL = embedded.url;
  return embedded;
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const sub = rest[0] && !rest[0].startsWith("--") ? rest.shift() : undefined;
  const key = sub ? `${name} ${sub}` : (name ?? "help");
  const command = commands[key];
  if (!command) {
    process.stderr.write(usage());
    return key === "help" ? 0 : 2;
  }
  let options: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    options = { ...(parsed.values as Record<string, string | boolean>), _: parsed.positionals.join(" ") || undefined };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage()}`);
    return 2;
  }
  const onServer = Boolean(process.env.DATABASE_URL);
  const embedded = await connect();
  // Tell running instances about revocations and suspensions at once (Redis or NOTIFY).
  const stopBroadcast = startBroadcast({ embeddedDatabase: !onServer });
  try {
    await migrate(process.env.DATABASE_URL!, path.join(__dirname, "..", "prisma", "migrations"));
    try {
      return await command.run(options);
    } catch (err) {
      // The one place a caller's mistake becomes a message and exit code 2.
      if (!(err instanceof DomainError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
  } finally {
    await stopBroadcast();
    const { db } = await import("../lib/db/client");
    await db().$disconnect();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
