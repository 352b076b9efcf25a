import Redis from "ioredis";
import { processSingleton } from "../process-singleton";

/** The process-wide Redis connection when REDIS_URL is set, else null. */
export function redis(): Redis | null {
  const url = process.env.REDIS_URL;
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
