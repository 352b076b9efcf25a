// MemoryRelay's SDKs and MCP server (not on this registry): exactly what docs/compatibility.md says they send.
import { describe, expect, it } from "vitest";
import { describeProfileAuth, expectProfileError } from "../helpers/profile-suite";

const { send, issue, base } = describeProfileAuth({
  profile: "memoryrelay",
  keyed: { method: "GET", path: "/v1/memories" },
  scope: "read",
  otherScopes: ["write"],
});

describe("MemoryRelay profile: the SDKs' calls", () => {
  it("keys are mem_ and at least 20 characters (the MCP server's own check)", async () => {
    const { raw } = await issue();
    expect(raw).toMatch(/^mem_[0-9A-Za-z]{38}$/);
  });

  it("health needs no key; Bearer and X-API-Key are equivalent; two different keys are a 400", async () => {
    const health = await fetch(`${base()}/compat/memoryrelay/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "healthy" });
    const { raw } = await issue();
    const other = await issue();
    const viaHeader = await fetch(`${base()}/compat/memoryrelay/v1/memories`, { headers: { "X-API-Key": raw } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get("x-ratelimit-limit")).toBe("100");
    const both = await fetch(`${base()}/compat/memoryrelay/v1/memories`, {
      headers: { "X-API-Key": raw, Authorization: `Bearer ${other.raw}` },
    });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({
      type: "validation_error",
      code: 400,
      message: "Two different API keys in one request; send exactly one",
    });
  });

  it("store, get, list by agent, search, agents and delete with read, write and delete scopes", async () => {
    const { raw } = await issue({ scopes: ["read", "write", "delete"] });
    const stored = await send(raw, {
      method: "POST",
      path: "/v1/memories",
      body: { content: "The user prefers TypeScript.", agent_id: "agent-123", metadata: { lang: "ts" } },
    });
    expect(stored.status).toBe(201);
    expect(Object.keys(stored.body).sort()).toEqual([
      "agent_id",
      "content",
      "created_at",
      "id",
      "metadata",
      "updated_at",
      "user_id",
    ]);
    const id = stored.body.id as string;
    await send(raw, { method: "POST", path: "/v1/memories", body: { content: "Another agent's note", agent_id: "agent-9" } });

    expect((await send(raw, { method: "GET", path: `/v1/memories/${id}` })).body).toMatchObject({
      id,
      content: "The user prefers TypeScript.",
      agent_id: "agent-123",
    });
    const list = await send(raw, { method: "GET", path: "/v1/memories?limit=1&offset=0&agent_id=agent-123" });
    expect(list.body).toMatchObject({ has_more: false, total_count: 1, next_cursor: null });
    expect((list.body.data as { id: string }[]).map((m) => m.id)).toEqual([id]);
    const all = await send(raw, { method: "GET", path: "/v1/memories?limit=1" });
    expect(all.body).toMatchObject({ has_more: true, total_count: 2 });

    const search = await send(raw, {
      method: "POST",
      path: "/v1/memories/search",
      body: { query: "What language does the user prefer, TypeScript?", agent_id: "agent-123", limit: 5 },
    });
    const hits = search.body.data as { memory: { id: string }; score: number }[];
    expect(hits.map((h) => h.memory.id)).toEqual([id]);
    expect(hits[0].score).toBeGreaterThan(0);
    expect(hits[0].score).toBeLessThanOrEqual(1);

    expect((await send(raw, { method: "GET", path: "/v1/agents" })).body.data).toEqual([
      { id: "agent-123", name: "agent-123", memory_count: 1 },
      { id: "agent-9", name: "agent-9", memory_count: 1 },
    ]);

    const deleted = await send(raw, { method: "DELETE", path: `/v1/memories/${id}` });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id, deleted: true });
    expectProfileError(
      "memoryrelay",
      await send(raw, { method: "GET", path: `/v1/memories/${id}` }),
      404,
      "NOT_FOUND",
      "Not found",
    );
  });

  it("deleting needs the delete scope; admin grants everything", async () => {
    const { raw } = await issue({ scopes: ["read", "write"] });
    const stored = await send(raw, { method: "POST", path: "/v1/memories", body: { content: "keep", agent_id: "a" } });
    expectProfileError(
      "memoryrelay",
      await send(raw, { method: "DELETE", path: `/v1/memories/${stored.body.id}` }),
      403,
      "FORBIDDEN",
      "Missing scope: delete",
    );
    const admin = await issue({ scopes: ["admin"] });
    expect((await send(admin.raw, { method: "POST", path: "/v1/memories", body: { content: "x", agent_id: "a" } })).status).toBe(
      201,
    );
  });

  it("the default limit is 100 requests per minute on every plan", async () => {
    const { raw } = await issue({ plan: "ENTERPRISE" });
    const r = await send(raw, { method: "GET", path: "/v1/memories" });
    expect(r.headers.get("x-ratelimit-limit")).toBe("100");
  });

  it("bad bodies are 400s in MemoryRelay's shape", async () => {
    const { raw } = await issue({ scopes: ["admin"] });
    expectProfileError(
      "memoryrelay",
      await send(raw, { method: "POST", path: "/v1/memories", body: { content: "no agent" } }),
      400,
      "BAD_REQUEST",
      /agent_id/,
    );
    expectProfileError(
      "memoryrelay",
      await send(raw, { method: "GET", path: "/v1/memories?limit=0" }),
      400,
      "BAD_REQUEST",
      /limit/,
    );
  });
});
