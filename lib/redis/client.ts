import Redis from "ioredis";
import { processSingleton } from "../process-singleton";

/** The process-wide Redis connection when REDIS_URL is set, else null. */
// REDIS_URL is read once, at first use: the limiter asks on every request, and reading the
// environment costs as much as a Map lookup several times over.
let configured: string | undefined | null = null;

export function redis(): Redis | null {
  const url = configured === null ? (configured = process.env.REDIS_URL) : configured;
  if (!url) return null;
  return processSingleton("redis", () => {
    const client = new Redis(url, {
      // Fail fast while disconnected: callers fall back to in-memory state.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
    });
    client.on("error", () => {}); // reported once by the users of the connection
    return client;
  });
}

const CONNECT_WAIT_MS = 1000;
// One wait per connection, shared by every request that arrives while it connects.
const connecting = new WeakMap<Redis, Promise<boolean>>();

/**
 * Whether the connection can take a command now; while it is first connecting (a process's
 * first requests), waits up to a second for it rather than answering from memory, so a burst
 * at start-up is limited by the shared state like any other.
 */
export function isReady(client: Redis): boolean | Promise<boolean> {
  if (client.status === "ready") return true;
  if (client.status !== "wait" && client.status !== "connecting" && client.status !== "connect") return false;
  let waiting = connecting.get(client);
  if (!waiting) {
    waiting = new Promise<boolean>((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        client.off("ready", onReady);
        client.off("close", onClose);
        connecting.delete(client);
        resolve(ready);
      };
      const onReady = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), CONNECT_WAIT_MS);
      client.once("ready", onReady);
      client.once("close", onClose);
    });
    connecting.set(client, waiting);
  }
  return waiting;
}
