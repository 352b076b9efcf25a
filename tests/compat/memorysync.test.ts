// MemorySync's adapters (no client installable here): exactly what docs/compatibility.md says they send.
import { describe, expect, it } from "vitest";
import { describeProfileAuth, expectProfileError } from "../helpers/profile-suite";

const user = { "X-End-User-ID": "user_123" };
const { send, issue } = describeProfileAuth({
  profile: "memorysync",
  keyed: { method: "GET", path: "/memory/export" },
  scope: "memories:read",
  otherScopes: ["search:read"],
  headers: user,
});

describe("MemorySync profile: the adapters' calls", () => {
  it("add, query, get, export and forget for one end user", async () => {
    const { raw } = await issue({ scopes: ["*"] });
    const added = await send(raw, {
      method: "POST",
      path: "/memory/add",
      headers: user,
      body: { text: "Prefers window seats", source: "chat", tags: ["travel"], importance: 0.8, metadata: { trip: 7 } },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      text: "Prefers window seats",
      source: "chat",
      tags: ["travel"],
      importance: 0.8,
      metadata: { trip: 7 },
      user_id: "user_123",
    });
    const id = added.body.id as string;
    expect(added.headers.get("x-request-id")).toMatch(/^req_/);

    const query = await send(raw, { method: "POST", path: "/memory/query", headers: user, body: { query: "window seat", k: 3 } });
    expect(query.status).toBe(200);
    expect((query.body.memories as { id: string; score: number }[]).map((m) => m.id)).toEqual([id]);
    expect(typeof query.body.latency_ms).toBe("number");

    expect((await send(raw, { method: "GET", path: `/memory/${id}`, headers: user })).body).toMatchObject({
      id,
      text: "Prefers window seats",
    });
    // Another end user of the same key sees none of it.
    const other = { "X-End-User-ID": "user_456" };
    expectProfileError("memorysync", await send(raw, { method: "GET", path: `/memory/${id}`, headers: other }), 404, "NOT_FOUND");
    expect((await send(raw, { method: "GET", path: "/memory/export", headers: other })).body.memories).toEqual([]);

    const exported = await send(raw, { method: "GET", path: "/memory/export", headers: user });
    expect(exported.body).toMatchObject({ user_id: "user_123", memories: [{ id }] });
    expect(Date.parse(exported.body.generated_at as string)).not.toBeNaN();

    const forgot = await send(raw, {
      method: "DELETE",
      path: "/memory/forget",
      headers: user,
      body: { memory_ids: [id, "nope"] },
    });
    expect(forgot.body).toEqual({ deleted: [id], count: 1 });
    expect((await send(raw, { method: "GET", path: "/memory/export", headers: user })).body.memories).toEqual([]);
  });

  it("400 MISSING_END_USER_ID without X-End-User-ID, after the key is checked", async () => {
    const { raw } = await issue();
    expectProfileError(
      "memorysync",
      await send(raw, { method: "GET", path: "/memory/export" }),
      400,
      "MISSING_END_USER_ID",
      "X-End-User-ID header is required with an API key",
    );
    expectProfileError(
      "memorysync",
      await send(undefined, { method: "GET", path: "/memory/export" }),
      401,
      "UNAUTHORIZED",
      "Missing API key",
    );
  });

  it("staging (test) and production (live) keys never see each other's memories", async () => {
    const live = await issue({ scopes: ["*"] });
    const { raw: test } = await issue({ scopes: ["*"], environment: "test" });
    expect(test.startsWith("ms_test_")).toBe(true);
    // Same organization: a test key made beside the live one.
    const { createKey } = await import("../../lib/keys/service");
    const { createKeyInputSchema } = await import("../../lib/keys/schemas");
    const sibling = await createKey(
      live.org,
      createKeyInputSchema.parse({ name: "staging", environment: "test", scopes: ["*"] }),
      live.actor,
    );
    await send(live.raw, { method: "POST", path: "/memory/add", headers: user, body: { text: "live only" } });
    expect((await send(sibling.rawKey, { method: "GET", path: "/memory/export", headers: user })).body.memories).toEqual([]);
    expect((await send(live.raw, { method: "GET", path: "/memory/export", headers: user })).body.memories).toHaveLength(1);
  });

  it("X-Project-ID narrows an unbound key and cannot leave a bound one's project", async () => {
    const { raw, organization } = await issue({ scopes: ["*"] });
    const { db } = await import("../../lib/db/client");
    const project = await db().project.create({ data: { organizationId: organization.id, name: "Agents" } });
    const inProject = { ...user, "X-Project-ID": project.id };
    const added = await send(raw, { method: "POST", path: "/memory/add", headers: inProject, body: { text: "in the project" } });
    expect(added.body.project_id).toBe(project.id);
    await send(raw, { method: "POST", path: "/memory/add", headers: user, body: { text: "outside" } });
    expect((await send(raw, { method: "GET", path: "/memory/export", headers: inProject })).body.memories).toHaveLength(1);
    expect((await send(raw, { method: "GET", path: "/memory/export", headers: user })).body.memories).toHaveLength(2);
    expectProfileError(
      "memorysync",
      await send(raw, { method: "GET", path: "/memory/export", headers: { ...user, "X-Project-ID": "nope" } }),
      404,
      "NOT_FOUND",
      "Unknown project",
    );
  });

  it("bad bodies are 400s in MemorySync's shape", async () => {
    const { raw } = await issue({ scopes: ["*"] });
    expectProfileError(
      "memorysync",
      await send(raw, { method: "POST", path: "/memory/add", headers: user, body: { text: "" } }),
      400,
      "BAD_REQUEST",
      /text/,
    );
    expectProfileError(
      "memorysync",
      await send(raw, { method: "POST", path: "/memory/query", headers: user, body: { query: "x", k: 0 } }),
      400,
      "BAD_REQUEST",
      /k/,
    );
    expectProfileError("memorysync", await send(raw, { method: "GET", path: "/nope", headers: user }), 404, "NOT_FOUND");
  });
});
