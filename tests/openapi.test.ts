// The OpenAPI document says what the API enforces: the create-key body is built from the
// same zod pieces as the service's input, and every route documents its error envelope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db/client";
import { startApiServer } from "./helpers/api-server";
import { issueKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document, walked by path
let doc: any;
beforeAll(async () => {
  api = await startApiServer();
  doc = await (await fetch(`${api.base}/api/v1/openapi.json`)).json();
});
afterAll(() => api.close());

describe("the API reference", () => {
  it("is Swagger UI at /api/v1/docs/, and /api/v1/docs leads there", async () => {
    const bare = await fetch(`${api.base}/api/v1/docs`, { redirect: "manual" });
    expect(bare.status).toBe(302);
    expect(bare.headers.get("location")).toBe("/api/v1/docs/");
    const page = await fetch(`${api.base}/api/v1/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Swagger UI");
  });
});

describe("the OpenAPI document", () => {
  it("documents the create-key body as strictly as it is enforced", () => {
    const body = doc.paths["/api/v1/keys"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(
      [
        "environment",
        "expiresAt",
        "name",
        "projectId",
        "ratelimitPerMinute",
        "scopes",
        "externalId",
        "limits",
        "ipAllowlist",
        "metadata",
        "credits",
        "creditRefill",
      ].sort(),
    );
    expect(body.required).toEqual(["name"]);
    expect(body.properties.name).toMatchObject({ type: "string", minLength: 1, maxLength: 64 });
    expect(body.properties.environment.enum).toEqual(["live", "test"]);
    expect(body.properties.scopes).toMatchObject({ type: "array", minItems: 1 });
    expect(JSON.stringify(body.properties.ratelimitPerMinute)).toContain('"minimum":1');
  });

  it("accepts a body with every documented field", async () => {
    const { raw, org } = await issueKey({ scopes: ["admin"], plan: "PRO" });
    const project = await db().project.create({ data: { organizationId: org.id, name: "docs" } });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await fetch(`${api.base}/api/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${raw}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "every field",
        scopes: ["memories:read"],
        environment: "test",
        expiresAt,
        projectId: project.id,
        ratelimitPerMinute: 50,
        externalId: "cust-1",
        limits: [{ name: "tokens", limit: 1000, window: "hour" }],
        ipAllowlist: ["10.0.0.0/8"],
        metadata: { tier: "gold" },
        credits: 100,
        creditRefill: { amount: 100, interval: "monthly" },
      }),
    });
    expect(res.status).toBe(201);
    const stored = await db().apiKey.findFirstOrThrow({ where: { organizationId: org.id, name: "every field" }, include: { identity: true } });
    expect(stored).toMatchObject({
      scopes: ["memories:read"],
      environment: "test",
      projectId: project.id,
      ratelimitPerMinute: 50,
      limits: [{ name: "tokens", limit: 1000, window: "hour" }],
      ipAllowlist: ["10.0.0.0/8"],
      metadata: { tier: "gold" },
      credits: 100,
      creditRefillAmount: 100,
      creditRefillInterval: "monthly",
      identity: { externalId: "cust-1" },
    });
    expect(stored.expiresAt?.toISOString()).toBe(expiresAt);
  });

  it("documents the error envelope for every error a route can answer", () => {
    const keyedErrors = ["400", "401", "403", "404", "429", "500", "503"];
    let routes = 0;
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        routes++;
        const expected = path === "/api/v1/health" ? ["400", "404", "500"] : keyedErrors;
        for (const status of expected) {
          const schema = (op.responses[status] as { content?: Record<string, { schema: { properties: object } }> })?.content?.["application/json"]?.schema;
          expect(schema, `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
          expect(Object.keys(schema!.properties)).toEqual(["error", "meta"]);
        }
      }
    }
    expect(routes).toBeGreaterThanOrEqual(12);
  });
});
