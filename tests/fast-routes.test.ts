// POST /api/v1/keys/verify and GET /api/v1/ping are answered by lib/api/fast-routes.ts;
// the same URLs with a query string go through Fastify. Both must answer alike, byte for
// byte apart from the request id.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyInputSchema } from "../lib/keys/schemas";
import { createKey } from "../lib/keys/service";
import { startApiServer } from "./helpers/api-server";
import { issueKey, issueRootKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

const VOLATILE = new Set(["date", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset", "keep-alive", "connection"]);

async function both(path: string, init: RequestInit) {
  const answers = [];
  for (const url of [path, `${path}?via=fastify`]) {
    const res = await fetch(`${api.base}${url}`, {
      ...init,
      headers: { "x-request-id": "req_same", ...(init.headers as object) },
    });
    const headers = Object.fromEntries([...res.headers].filter(([k]) => !VOLATILE.has(k)));
    // The second call is the key's second use: only its remaining count may differ.
    answers.push({ status: res.status, body: (await res.text()).replace(/"remaining":\d+/, '"remaining":_'), headers });
  }
  return answers;
}

/** Writes each part on one raw connection, 60 ms apart (each its own packet), and reads the answer to its close. */
function rawExchange(parts: string[]): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(api.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("end", () => {
      const [head, body] = received.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), body });
    });
    socket.on("error", reject);
    socket.on("connect", async () => {
      for (const [i, part] of parts.entries()) {
        if (i) await new Promise((r) => setTimeout(r, 60));
        socket.write(part);
      }
    });
  });
}

describe("the fast routes answer exactly as Fastify does", () => {
  it("POST /keys/verify: valid, unknown key, bad body, bad JSON, poisoned JSON, no root key, wrong type", async () => {
    const root = (await issueRootKey()).rawKey;
    const { raw } = await issueKey({ plan: "ENTERPRISE" });
    const json = { "content-type": "application/json", "x-api-key": root };
    const cases: RequestInit[] = [
      { method: "POST", headers: json, body: JSON.stringify({ key: raw, scopes: ["memories:read"], ip: "203.0.113.9" }) },
      { method: "POST", headers: json, body: JSON.stringify({ key: "mos_live_nope" }) },
      { method: "POST", headers: json, body: JSON.stringify({ key: 7, scopes: "x" }) },
      { method: "POST", headers: json, body: JSON.stringify({ key: raw, ip: "nope" }) },
      { method: "POST", headers: json, body: "{not json" },
      { method: "POST", headers: json, body: '{"key":"x","__proto__":{"admin":true}}' },
      { method: "POST", headers: json, body: "[]" },
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: raw }) },
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${raw}` },
        body: JSON.stringify({ key: raw }),
      },
      {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "x-api-key": root },
        body: JSON.stringify({ key: raw }),
      },
    ];
    for (const init of cases) {
      const [fast, fastify] = await both("/api/v1/keys/verify", init);
      expect(fast, String(init.body)).toEqual(fastify);
    }
  });

  // A small body is read once Node has parsed it, at the end of the turn (lib/http/end-soon.ts);
  // one still arriving then is read from the stream as it comes.
  it("POST /keys/verify: a body in the headers' packet and a body in later packets get the same verdict", async () => {
    const root = (await issueRootKey()).rawKey;
    const { raw, key } = await issueKey({ plan: "ENTERPRISE" });
    const body = JSON.stringify({ key: raw, scopes: ["memories:read"] });
    const head =
      "POST /api/v1/keys/verify HTTP/1.1\r\nhost: keyhouse\r\ncontent-type: application/json\r\n" +
      `x-api-key: ${root}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
    for (const parts of [[head + body], [head, body.slice(0, 20), body.slice(20)]]) {
      const answer = await rawExchange(parts);
      expect(answer.status, `${parts.length} parts`).toBe(200);
      expect(JSON.parse(answer.body).data, `${parts.length} parts`).toMatchObject({ valid: true, code: "VALID", keyId: key.id });
    }
  });

  it("GET /ping: valid, missing, malformed, two keys", async () => {
    const { raw } = await issueKey({ plan: "ENTERPRISE" });
    const other = await issueKey();
    const cases: Record<string, string>[] = [
      { authorization: `Bearer ${raw}` },
      {},
      { "x-api-key": "hello" },
      { "x-api-key": raw, authorization: `Token ${other.raw}` },
      { authorization: "Basic abc" },
    ];
    for (const headers of cases) {
      const [fast, fastify] = await both("/api/v1/ping", { headers });
      expect(fast, JSON.stringify(headers)).toEqual(fastify);
    }
  });

  // The fast routes write their answers with a serializer compiled from the routes' response
  // schemas: every field a full answer can carry must come out as Fastify writes it.
  it("a key with every control: the same verdict and ping, byte for byte", async () => {
    const root = (await issueRootKey()).rawKey;
    const { org, actor } = await issueKey({ plan: "ENTERPRISE" });
    const { rawKey } = await createKey(
      org,
      createKeyInputSchema.parse({
        name: "every control",
        expiresAt: new Date(Date.now() + 86_400_000),
        externalId: 'acme "quoted" ünïcode',
        limits: [
          { name: "tokens", limit: 50_000, window: "day" },
          { name: "requests", limit: 100, window: "second" },
        ],
        ipAllowlist: ["203.0.113.0/24", "127.0.0.1/32", "::1/128"],
        metadata: { plan: "gold", nested: { list: [1, "two", null, true], "line\nbreak": "tab\there" }, emoji: "🔑" },
        credits: 1000,
        creditRefill: { amount: 1000, interval: "daily" },
      }),
      actor,
    );
    const [fast, fastify] = await both("/api/v1/keys/verify", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": root },
      body: JSON.stringify({ key: rawKey, ip: "203.0.113.9", cost: 3, limits: { tokens: 250 } }),
    });
    // Credits and named limits are spent by each call: the second answer shows less left.
    const settled = (a: typeof fast) => ({ ...a, body: a.body.replace(/"(credits|remaining)":\d+/g, '"$1":_') });
    expect(settled(fast)).toEqual(settled(fastify));
    // A third call, read whole: what the serializer wrote is the verdict.
    const third = await fetch(`${api.base}/api/v1/keys/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": root },
      body: JSON.stringify({ key: rawKey, ip: "203.0.113.9", cost: 3, limits: { tokens: 250 } }),
    });
    const verdict = (await third.json()).data;
    expect(verdict).toMatchObject({
      valid: true,
      identity: { externalId: 'acme "quoted" ünïcode' },
      metadata: { nested: { list: [1, "two", null, true], "line\nbreak": "tab\there" }, emoji: "🔑" },
      credits: 991,
    });
    expect(verdict.limits.map((l: { name: string; limit: number; window: string }) => [l.name, l.limit, l.window])).toEqual([
      ["tokens", 50_000, "day"],
      ["requests", 100, "second"],
    ]);
    expect(verdict.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [fastPing, fastifyPing] = await both("/api/v1/ping", { headers: { authorization: `Bearer ${rawKey}` } });
    expect(fastPing).toEqual(fastifyPing);
    expect(fastPing.status).toBe(200);
    expect(JSON.parse(fastPing.body).data.metadata).toEqual({
      plan: "gold",
      nested: { list: [1, "two", null, true], "line\nbreak": "tab\there" },
      emoji: "🔑",
    });
  });

  // Answers read in one turn of the event loop leave together (lib/http/end-soon.ts): each
  // must still reach its own caller, whole, error answers among them.
  it("many concurrent calls each get their own answer", async () => {
    const root = (await issueRootKey()).rawKey;
    const keys = await Promise.all(Array.from({ length: 6 }, () => issueKey({ plan: "ENTERPRISE" })));
    const calls = Array.from({ length: 60 }, async (_, i) => {
      const id = `req_batch_${i}`;
      const key = i % 2 ? keys[i % keys.length].raw : "mos_live_nope";
      const res =
        i % 3 === 2
          ? await fetch(`${api.base}/api/v1/ping`, { headers: { "x-request-id": id, authorization: `Bearer ${key}` } })
          : await fetch(`${api.base}/api/v1/keys/verify`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-api-key": root, "x-request-id": id },
              body: JSON.stringify({ key }),
            });
      const body = await res.json();
      // ping answers a key's id or an error; verify a key's id or the verdict's code.
      const keyId = body.data?.keyId ?? body.data?.code ?? body.error?.code;
      return { i, id, status: res.status, header: res.headers.get("x-request-id"), requestId: body.meta.request_id, keyId };
    });
    for (const r of await Promise.all(calls)) {
      const valid = r.i % 2 === 1;
      const refusedPing = !valid && r.i % 3 === 2;
      expect({ status: r.status, header: r.header, requestId: r.requestId, keyId: r.keyId }).toEqual({
        status: refusedPing ? 401 : 200,
        header: r.id,
        requestId: r.id,
        keyId: valid ? keys[r.i % keys.length].key.id : "UNAUTHORIZED",
      });
    }
  });
});
