// Hostile input on every route of the API (read from its own OpenAPI document): NUL,
// unpaired surrogates, 10,000-character strings and deep JSON in every path parameter,
// query parameter and body field. Whatever the answer, it is never a 5xx, and it is
// always the JSON envelope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./helpers/api-server";
import { issueKey } from "./helpers/keys";

let api: Awaited<ReturnType<typeof startApiServer>>;
let key: string;
beforeAll(async () => {
  api = await startApiServer();
  key = (await issueKey({ scopes: ["*"], plan: "ENTERPRISE" })).raw;
});
afterAll(() => api.close());

const deep = (n: number): unknown => (n === 0 ? "leaf" : { d: deep(n - 1) });
const STRINGS = ["a\u0000b", "\ud800", "x\udc00y", "z".repeat(10_000), "%FF", "../../etc/passwd", "' OR 1=1 --"];
const VALUES: unknown[] = [...STRINGS, deep(300), [deep(50)], -1, 1e308, null, true, { $ne: 1 }];

// A lone surrogate cannot be percent-encoded as UTF-8: send the bytes of one (invalid UTF-8).
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

describe("hostile input", () => {
  it("never answers 5xx on any route, parameter or field", async () => {
    const doc = await (await fetch(`${api.base}/api/v1/openapi.json`)).json();
    const failures: string[] = [];
    let requests = 0;
    for (const [template, methods] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const pathParams = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        const queryParams = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        const fields = Object.keys(op.requestBody?.content["application/json"]?.schema.properties ?? {});
        const fill = (value: string) => pathParams.reduce((p, name) => p.replace(`{${name}}`, enc(value)), template);
        const attempts: [string, unknown][] = [];
        for (const s of STRINGS) {
          if (pathParams.length) attempts.push([fill(s), undefined]);
          for (const q of queryParams) attempts.push([`${fill("abc")}?${q}=${enc(s)}`, undefined]);
        }
        for (const field of fields) for (const v of VALUES) attempts.push([fill("abc"), { name: "fuzz", content: "fuzz", query: "fuzz", key: "kh_live_x", [field]: v }]);
        if (op.requestBody) attempts.push([fill("abc"), deep(1000)]);
        for (const [path, body] of attempts) {
          const r = await send(method.toUpperCase(), path, body);
          requests++;
          const envelope = r.text.startsWith("{") && (JSON.parse(r.text).error || JSON.parse(r.text).data !== undefined);
          if (r.status >= 500 || !envelope) failures.push(`${method.toUpperCase()} ${path.slice(0, 80)} ${JSON.stringify(body)?.slice(0, 60)} → ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(200);
  });
});
