import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "../../tests/helpers/api-server";

let api: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

describe("API basics over HTTP", () => {
  it("GET /api/v1/health reports the database reachable", async () => {
    const res = await fetch(`${api.base}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ data: { status: "ok", database: "reachable" }, meta: { request_id: expect.stringMatching(/^req_/) } });
    expect(res.headers.get("x-request-id")).toBe(body.meta.request_id);
  });

  it("echoes the client's own X-Request-ID, and replaces a malformed one", async () => {
    const own = await fetch(`${api.base}/api/v1/health`, { headers: { "X-Request-ID": "trace-123" } });
    expect(own.headers.get("x-request-id")).toBe("trace-123");
    const bad = await fetch(`${api.base}/api/v1/health`, { headers: { "X-Request-ID": "x".repeat(300) } });
    expect(bad.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers unknown routes with the 404 envelope", async () => {
    const res = await fetch(`${api.base}/api/v1/nothing-here`, { method: "POST" });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toEqual({
      error: { code: "NOT_FOUND", message: "Not found" },
      meta: { request_id: res.headers.get("x-request-id") },
    });
  });

  it("serves the OpenAPI document", async () => {
    const res = await fetch(`${api.base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/v1/health");
  });
});
