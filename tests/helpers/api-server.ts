import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildApiListener } from "../../lib/api/app";

/** The API on its own node:http server, mounted the way server.ts mounts it (fast routes, then Fastify). */
export async function mountApi() {
  let handler: http.RequestListener = () => {};
  const server = http.createServer((req, res) => handler(req, res));
  const { app, listener } = await buildApiListener(server, { logger: false });
  handler = listener;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, app, port: (server.address() as AddressInfo).port };
}

/** The API on a real loopback port inside the test process. */
export async function startApiServer() {
  const { app, port } = await mountApi();
  return { base: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** A JSON call to the API with a key: GET without a body, POST with one unless a method is given. */
export async function callApi(base: string, path: string, key: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
