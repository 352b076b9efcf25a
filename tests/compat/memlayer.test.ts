// MemLayer's Python SDK (not installable here): exactly what docs/compatibility.md says it sends.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { describeProfileAuth, expectProfileError } from "../helpers/profile-suite";

const { send, issue, base } = describeProfileAuth({
  profile: "memlayer",
  keyed: { method: "GET", path: "/memories?user_id=u1&agent_id=bot" },
  scope: "memories:read",
  otherScopes: ["memories:write"],
});

const PRO_PLAN = {
  content: "User is on the Pro plan",
  user_id: "user_123",
  agent_id: "billing_bot",
  memory_type: "semantic",
  importance: 0.9,
  ttl_days: 30,
};
const MEMORY_FIELDS = ["agent_id", "content", "created_at", "id", "importance", "memory_type", "metadata", "ttl_days", "user_id"];

describe("MemLayer profile: the SDK's calls", () => {
  it("X-API-Key only: a Bearer credential is no credential", async () => {
    const { raw } = await issue();
    const r = await fetch(`${base()}/compat/memlayer/memories`, { headers: { Authorization: `Bearer ${raw}` } });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ code: "UNAUTHORIZED", detail: "Missing API key" });
    expect((await fetch(`${base()}/compat/memlayer/health`)).status).toBe(200);
  });

  it("remember, list, search and delete, every memory with the fields the SDK needs", async () => {
    const { raw } = await issue({ scopes: ["*"] });
    const stored = await send(raw, {
      method: "POST",
      path: "/memories",
      body: PRO_PLAN,
    });
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ id: expect.any(String), message: "Memory stored" });
    const id = stored.body.id as string;
    await send(raw, {
      method: "POST",
      path: "/memories",
      body: { content: "Other user", user_id: "user_9", agent_id: "billing_bot", memory_type: "episodic" },
    });

    const list = await send(raw, { method: "GET", path: "/memories?user_id=user_123&agent_id=billing_bot&limit=10&offset=0" });
    expect(list.body).toMatchObject({ total: 1, limit: 10, offset: 0 });
    const [memory] = list.body.memories as Record<string, unknown>[];
    expect(Object.keys(memory).sort()).toEqual(MEMORY_FIELDS);
    expect(memory).toMatchObject({ id, ...PRO_PLAN });

    const search = await send(raw, {
      method: "GET",
      path: "/memories/search?query=pro%20plan&user_id=user_123&agent_id=billing_bot&top_k=5&min_score=0.5",
    });
    expect((search.body.memories as { id: string; score: number }[]).map((m) => [m.id, m.score])).toEqual([[id, 1]]);

    const deleted = await send(raw, { method: "DELETE", path: `/memories/${id}?user_id=user_123&agent_id=billing_bot` });
    expect(deleted.body).toEqual({ deleted: true, message: "Memory deleted" });
    expectProfileError(
      "memlayer",
      await send(raw, { method: "DELETE", path: `/memories/${id}?user_id=user_123&agent_id=billing_bot` }),
      404,
      "NOT_FOUND",
    );
  });

  it("the free plan holds 500 memories: the 501st is a 402", async () => {
    const { raw, organization } = await issue({ scopes: ["*"] });
    await db().memory.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        organizationId: organization.id,
        environment: "live" as const,
        content: `m${i}`,
        userId: "u",
        agentId: "a",
      })),
    });
    const r = await send(raw, {
      method: "POST",
      path: "/memories",
      body: { content: "one too many", user_id: "u", agent_id: "a" },
    });
    expectProfileError("memlayer", r, 402, "MEMORY_QUOTA_EXCEEDED", "Plan limit reached: your plan holds 500 memories");
    await db().organization.update({ where: { id: organization.id }, data: { plan: "PRO" } });
    const { publishOrganizationChange } = await import("../../lib/events/key-changes");
    publishOrganizationChange(organization.id);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      (await send(raw, { method: "POST", path: "/memories", body: { content: "PRO has room", user_id: "u", agent_id: "a" } }))
        .status,
    ).toBe(200);
  });

  it("test keys do not exist; bad bodies are 400s in MemLayer's shape", async () => {
    await expect(issue({ environment: "test" })).rejects.toThrow("MemLayer keys are live keys only.");
    const { raw } = await issue({ scopes: ["*"] });
    expectProfileError(
      "memlayer",
      await send(raw, { method: "POST", path: "/memories", body: { content: "no user" } }),
      400,
      "BAD_REQUEST",
      /user_id/,
    );
  });
});
