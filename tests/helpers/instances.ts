import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface Instance {
  base: string;
  process: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts tests/helpers/api-instance.ts in a child process with extra environment. */
export async function startInstance(env: Record<string, string | undefined> = {}): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/api-instance.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`instance exited (${code})`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

async function redisReachable(url = "redis://127.0.0.1:6379"): Promise<boolean> {
  const { default: Redis } = await import("ioredis");
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the Redis tests can run. Redis is required: without it this throws and the test
 * file fails, unless scripts/test.mjs was asked for one lane only (KH_REDIS_OPTIONAL=1).
 */
export async function requireRedis(url: string): Promise<boolean> {
  if (await redisReachable(url)) return true;
  if (process.env.KH_REDIS_OPTIONAL === "1") return false;
  throw new Error(`Redis at ${url} is not reachable: start it (docs/testing.md); the cross-instance tests need it.`);
}
