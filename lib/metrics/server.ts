import http from "node:http";
import type { AddressInfo } from "node:net";
import { metricsRegistry } from "./metrics";

/**
 * GET /metrics in the Prometheus text format, on its own port (METRICS_PORT), apart from the
 * public one: the scrape needs no credential and is not reachable through the proxy that
 * fronts the API. Bound to METRICS_HOST (127.0.0.1 unless set).
 */
export async function startMetricsServer(port: number, host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const registry = metricsRegistry();
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: the metrics are at GET /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
