// Memory OS, the default profile: /api/v1 (base URL …/api) and /compat/memory-os, one contract.
import { describe, expect, it } from "vitest";
import { generateKey } from "../../lib/keys/format";
import { describeProfileAuth, expectProfileError } from "../helpers/profile-suite";

const { send, issue, base } = describeProfileAuth({
  profile: "memory-os",
  keyed: { method: "POST", path: "/v1/memories", body: { content: "hello" } },
  scope: "memories:write",
  otherScopes: ["memories:read", "search:read"],
});

describe("Memory OS profile: documented calls", () => {
  it("CRUD, PATCH and POST /v1/search, also under /compat/memory-os", async () => {
    const { raw } = await issue({ scopes: ["*"] });
    const created = await send(raw, { method: "POST", path: "/v1/memories", body: { content: "Likes green tea" } });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    const patched = await send(raw, {
      method: "PATCH",
      path: `/v1/memories/${id}`,
      body: { content: "Likes green tea, no sugar", metadata: { v: 2 } },
    });
    expect(patched.body.data).toMatchObject({ id, content: "Likes green tea, no sugar", metadata: { v: 2 } });
    const search = await send(raw, { method: "POST", path: "/v1/search", body: { query: "green sugar" } });
    expect(search.body.data).toMatchObject([{ id, score: 1 }]);
    const viaCompat = await fetch(`${base()}/compat/memory-os/v1/memories/${id}`, {
      headers: { Authorization: `Bearer ${raw}` },
    });
    expect(viaCompat.status).toBe(200);
    expect(((await viaCompat.json()) as { data: { content: string } }).data.content).toBe("Likes green tea, no sugar");
    expectProfileError(
      "memory-os",
      await send(raw, { method: "PATCH", path: `/v1/memories/${id}`, body: {} }),
      400,
      "BAD_REQUEST",
      "Invalid body: Send content or metadata.",
    );
  });

  it("Keyhouse's own routes take every profile's keys; the memories routes only Memory OS keys", async () => {
    const { raw } = await issue({ profile: "mem0", scopes: ["*"] });
    const ping = await fetch(`${base()}/api/v1/ping`, { headers: { Authorization: `Token ${raw}` } });
    expect(ping.status).toBe(200);
    const memories = await fetch(`${base()}/api/v1/memories`, { headers: { Authorization: `Token ${raw}` } });
    expect(memories.status).toBe(401);
    expect(await memories.json()).toMatchObject({
      error: { code: "UNAUTHORIZED", message: "Wrong key format: Memory OS keys start with mos_live_ or mos_test_" },
    });
    // And a Memory OS key on a profile's routes: 401 in that profile's shape, never accepted.
    const relay = await fetch(`${base()}/compat/memoryrelay/v1/memories`, {
      headers: { Authorization: `Bearer ${generateKey("live")}` },
    });
    expect(relay.status).toBe(401);
    expect(await relay.json()).toMatchObject({
      type: "authentication_error",
      code: 401,
      message: "Wrong key format: MemoryRelay keys start with mem_",
    });
  });
});
