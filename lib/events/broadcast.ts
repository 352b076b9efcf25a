import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { Client } from "pg";
import { db } from "../db/client";
import { processSingleton } from "../process-singleton";
import { emitKeyChange, onKeyChanges, type KeyChange } from "./key-changes";

// Carries key changes to the other instances, so a revocation takes effect everywhere
// within a second: Redis pub/sub when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY.
// (The embedded database serves a single instance: nothing to tell.)

const CHANNEL = "keyhouse_key_changes";
const INSTANCE = randomBytes(8).toString("hex");
// NOTIFY payloads are limited to 8,000 bytes: send hashes in chunks.
const CHUNK = 80;

interface Message extends KeyChange {
  origin: string;
}

function receive(raw: string) {
  try {
    const msg = JSON.parse(raw) as Message;
    if (msg.origin === INSTANCE) return;
    emitKeyChange({ hashes: msg.hashes, organizationIds: msg.organizationIds, remote: true });
  } catch {
    // not ours
  }
}

function chunks(change: KeyChange): Message[] {
  const hashes = change.hashes ?? [];
  const out: Message[] = [];
  for (let i = 0; i < Math.max(1, hashes.length); i += CHUNK) {
    out.push({
      origin: INSTANCE,
      hashes: hashes.slice(i, i + CHUNK),
      organizationIds: i === 0 ? change.organizationIds : undefined,
    });
  }
  return out;
}

// Sends still in flight; stop() waits for them, so a CLI process can exit right after.
const pending = new Set<Promise<unknown>>();
function track(p: Promise<unknown>) {
  const settled = p.catch(() => {}).finally(() => pending.delete(settled));
  pending.add(settled);
}

function startRedis(url: string): () => Promise<void> {
  const sub = new Redis(url, { retryStrategy: (n) => Math.min(n * 200, 2000) });
  const pub = new Redis(url, {
    retryStrategy: (n) => Math.min(n * 200, 2000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  sub.on("error", () => {});
  pub.on("error", () => {});
  void sub.subscribe(CHANNEL).catch(() => {});
  sub.on("message", (_channel, message) => receive(message));
  const off = onKeyChanges((change) => {
    if (change.remote) return;
    for (const msg of chunks(change)) track(pub.publish(CHANNEL, JSON.stringify(msg)));
  });
  return async () => {
    off();
    await Promise.all(pending);
    sub.disconnect();
    pub.disconnect();
  };
}

function startPostgres(url: string): () => Promise<void> {
  let client: Client | undefined;
  let stopped = false;
  const connect = async () => {
    if (stopped) return;
    const c = new Client({ connectionString: url });
    c.on("notification", (n) => n.payload && receive(n.payload));
    c.on("error", () => {
      client = undefined;
      c.end().catch(() => {});
      setTimeout(connect, 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
    } catch {
      c.end().catch(() => {});
      setTimeout(connect, 1000);
    }
  };
  void connect();
  const off = onKeyChanges((change) => {
    if (change.remote) return;
    for (const msg of chunks(change)) track(db().$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(msg)})`);
  });
  return async () => {
    stopped = true;
    off();
    await Promise.all(pending);
    await client?.end().catch(() => {});
  };
}

/** Starts forwarding (once per process); returns a stop function. */
export function startBroadcast(options: { embeddedDatabase: boolean }): () => Promise<void> {
  return processSingleton("broadcast", () => {
    if (process.env.REDIS_URL) return startRedis(process.env.REDIS_URL);
    if (!options.embeddedDatabase && process.env.DATABASE_URL) return startPostgres(process.env.DATABASE_URL);
    return async () => {};
  });
}
