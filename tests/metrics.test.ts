// GET /metrics (lib/metrics/): after real traffic through the API, the scrape counts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMetricsServer } from "../lib/metrics/server";
import { startApiServer, callApi } from "./helpers/api-server";
import { issueKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
let metrics: Awaited<ReturnType<typeof startMetricsServer>>;
beforeAll(async () => {
  api = await startApiServer();
  metrics = await startMetricsServer(0, "127.0.0.1");
});
afterAll(async () => {
  await metrics.close();
  await api.close();
});

async function scrape() {
  const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

/** The value of one series, 0 when it is not there yet. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("GET /metrics", () => {
  it("counts verifications by outcome, HTTP requests by route and status, and cache use", async () => {
    const { raw } = await issueKey();
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await callApi(api.base, "/ping", raw)).status).toBe(200);
    expect((await callApi(api.base, "/ping", `${raw.slice(0, -1)}x`)).status).toBe(401);
    const after = await scrape();

    const valid = { outcome: "VALID", profile: "memory-os" };
    expect(value(after, "keyhouse_verifications_total", valid) - value(before, "keyhouse_verifications_total", valid)).toBe(3);
    const refused = { outcome: "UNAUTHORIZED" };
    expect(value(after, "keyhouse_verifications_total", refused) - value(before, "keyhouse_verifications_total", refused)).toBe(1);
    const ok = { route: "/api/v1/ping", status: "200" };
    expect(value(after, "keyhouse_http_requests_total", ok) - value(before, "keyhouse_http_requests_total", ok)).toBe(3);
    const denied = { route: "/api/v1/ping", status: "401" };
    expect(value(after, "keyhouse_http_requests_total", denied) - value(before, "keyhouse_http_requests_total", denied)).toBe(1);
    // The first use of a new key reads the database; the next ones hit the cache.
    expect(value(after, "keyhouse_key_cache_total", { result: "hit" }) - value(before, "keyhouse_key_cache_total", { result: "hit" })).toBeGreaterThanOrEqual(2);
    expect(value(after, "keyhouse_key_cache_total", { result: "miss" }) - value(before, "keyhouse_key_cache_total", { result: "miss" })).toBeGreaterThanOrEqual(1);
    expect(value(after, "keyhouse_verify_duration_seconds_count") - value(before, "keyhouse_verify_duration_seconds_count")).toBe(4);
    expect(value(after, "keyhouse_key_lookup_batch_size_count")).toBeGreaterThan(0);
    // The families that count failures are listed at 0 before the first one.
    for (const family of ["keyhouse_database_deadline_hits_total", "keyhouse_redis_fallbacks_total", "keyhouse_write_back_failures_total", "nodejs_eventloop_lag_seconds"]) {
      expect(after).toContain(`# TYPE ${family} `);
    }
  });

  it("a Fastify route counts under its pattern, not its URL", async () => {
    const { raw } = await issueKey();
    const { status } = await callApi(api.base, "/keys/no_such_key", raw);
    const text = await scrape();
    expect(value(text, "keyhouse_http_requests_total", { route: "/api/v1/keys/:id", status: String(status) })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("no_such_key");
  });

  it("answers 404 for anything but GET /metrics", async () => {
    expect((await fetch(`http://127.0.0.1:${metrics.port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metrics.port}/metrics`, { method: "POST" })).status).toBe(404);
  });
});
