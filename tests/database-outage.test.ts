import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { startInstance, type Instance } from "./helpers/instances";
import { issueKey } from "./helpers/keys";
import { startTcpProxy } from "./helpers/tcp-proxy";

let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let instance: Instance;

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  // The embedded database listens on a Unix socket (host=<directory>), PostgreSQL on TCP.
  const socketDir = url.searchParams.get("host");
  proxy = await startTcpProxy(socketDir ? { path: `${socketDir}/.s.PGSQL.5432` } : { host: url.hostname, port: Number(url.port || 5432) });
  url.searchParams.delete("host");
  url.host = `127.0.0.1:${proxy.port}`;
  // Not alone: credits are spent in the database on each request.
  instance = await startInstance({ DATABASE_URL: url.toString(), REDIS_URL: undefined, KEYHOUSE_SINGLE_INSTANCE: undefined });
});
afterAll(async () => {
  proxy.restore();
  await instance.stop();
  await proxy.close();
});

const ping = (key: string) => fetch(`${instance.base}/ping`, { headers: { Authorization: `Bearer ${key}` } });

describe("when the database cannot be reached", () => {
  it("uncached keys answer 503 within 2 s, cached keys keep working, and it recovers by itself", async () => {
    const cached = await issueKey();
    const uncached = await issueKey();
    expect((await ping(cached.raw)).status).toBe(200);

    proxy.cut();
    const started = Date.now();
    const res = await ping(uncached.raw);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({
      code: "SERVICE_UNAVAILABLE",
      message: "Key verification is temporarily unavailable; retry shortly",
    });
    // Contract: 2 s. The pool's connect timeout is 1.5 s; a refused connection answers in ms.
    expect(elapsed, `503 after ${elapsed} ms; the contract is 2000 ms`).toBeLessThan(2000);
    expect((await ping(cached.raw)).status).toBe(200);

    proxy.restore();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await ping(uncached.raw)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });

  it("a database that stops answering still gets a 503 within 2 s", async () => {
    const key = await issueKey();
    proxy.cut("hang");
    const started = Date.now();
    const res = await ping(key.raw);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    // Contract: 2 s. The lookup times out at 1.8 s (lib/verify/lookup.ts): 200 ms of margin.
    expect(elapsed, `503 after ${elapsed} ms; the contract is 2000 ms`).toBeLessThan(2000);
    proxy.restore();
  });

  it("a cached key whose credits are spent in the database answers 503 within 2 s while it is down, and spends again after", async () => {
    const { key, raw } = await issueKey();
    await db().apiKey.update({ where: { id: key.id }, data: { credits: 100 } });
    let answered = 0;
    expect((await ping(raw)).status).toBe(200); // the key is cached now: only its credits need the database
    answered++;

    for (const how of ["refuse", "hang"] as const) {
      proxy.cut(how);
      const started = Date.now();
      const res = await ping(raw);
      const elapsed = Date.now() - started;
      expect(res.status, how).toBe(503);
      expect((await res.json()).error).toEqual({
        code: "SERVICE_UNAVAILABLE",
        message: "Key verification is temporarily unavailable; retry shortly",
      });
      expect(elapsed, `503 after ${elapsed} ms; the contract is 2000 ms`).toBeLessThan(2000);
      proxy.restore();
    }

    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await ping(raw)).status;
      if (status === 200) answered++;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    // Only the answered requests were charged.
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).credits).toBe(100 - answered);
  });
});
