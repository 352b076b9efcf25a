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

export function isReady(client: Redis): boolean {
  return client.status === "ready";
}
