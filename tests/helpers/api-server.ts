import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildApi } from "../../lib/api/app";

/** The Fastify API on a real loopback port, mounted the way server.ts mounts it. */
export async function startApiServer() {
  let handler: http.RequestListener = () => {};
  const server = http.createServer((req, res) => handler(req, res));
  const app = await buildApi({
    logger: false,
    serverFactory: (h) => {
      handler = h;
      return server;
    },
  });
  await app.ready();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    app,
    close: async () => {
      await app.close();
    },
  };
}
