// The published mem0ai client (pinned in tests/compat/package.json), pointed at /compat/mem0 with a
// Keyhouse key: its own code sends the requests and reads the answers.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProfileAuth, expectProfileError } from "../helpers/profile-suite";

// No telemetry to the vendor, and its config file in a scratch home.
process.env.MEM0_TELEMETRY = "false";
process.env.MEM0_DIR = mkdtempSync(path.join(tmpdir(), "mem0-"));

const { send, issue, base } = describeProfileAuth({
  profile: "mem0",
  keyed: { method: "POST", path: "/v3/memories/", body: { filters: { user_id: "alex" } } },
  scope: "memories:read",
  otherScopes: ["search:read"],
});

type Mem0 = typeof import("mem0ai");
let mem0: Mem0;
const errors: unknown[] = [];
const consoleError = console.error;
beforeAll(async () => {
  mem0 = await import("mem0ai");
  // A failed background ping is only logged by the JavaScript client: keep what it logs.
  console.error = (...args: unknown[]) => errors.push(args);
});
afterAll(() => {
  console.error = consoleError;
});

function client(apiKey: string) {
  return new mem0.MemoryClient({ apiKey, host: `${base()}/compat/mem0` });
}

describe("Mem0 profile: the mem0ai client", () => {
  it("pings, then adds, gets, lists, searches, updates and deletes with a Keyhouse key", async () => {
    const { raw, organization, actor } = await issue({ scopes: ["memories:read", "memories:write", "search:read"] });
    expect(raw).toMatch(/^m0-[0-9A-Za-z]{38}$/);
    const memory = client(raw);
    await memory.ping();
    // The ping's answer became the client's identity (sent as Mem0-User-ID from then on).
    expect((memory as unknown as { organizationId: string }).organizationId).toBe(organization.id);
    expect(memory.telemetryId).toBe(actor.label);

    const added = (await memory.add([{ role: "user", content: "I love pizza with olives" }], { user_id: "alex" })) as unknown as {
      status: string;
      results: { id: string; memory: string; event: string }[];
    };
    expect(added.status).toBe("SUCCEEDED");
    expect(added.results).toEqual([{ id: expect.any(String), memory: "I love pizza with olives", event: "ADD" }]);
    const id = added.results[0].id;
    await memory.add([{ role: "user", content: "Someone else's memory" }], { user_id: "sam" });

    const got = await memory.get(id);
    expect(got).toMatchObject({ id, memory: "I love pizza with olives", userId: "alex" });

    const page = (await memory.getAll({ filters: { user_id: "alex" }, page: 1, pageSize: 10 })) as unknown as {
      count: number;
      next: string | null;
      results: { id: string }[];
    };
    expect(page.count).toBe(1);
    expect(page.next).toBeNull();
    expect(page.results.map((m) => m.id)).toEqual([id]);

    const found = await memory.search("pizza", { filters: { user_id: "alex" }, topK: 5 });
    expect(found.results.map((m) => [m.id, m.score])).toEqual([[id, 1]]);

    const updated = await memory.update(id, { text: "I love pizza without olives" });
    expect(updated).toMatchObject({ id, memory: "I love pizza without olives" });

    expect(await memory.delete(id)).toEqual({ message: "Memory deleted successfully!" });
    await expect(memory.get(id)).rejects.toBeInstanceOf(mem0.MemoryNotFoundError);
  });

  it("a revoked key makes the client raise its own AuthenticationError", async () => {
    const { raw, org, key, actor } = await issue({ scopes: ["memories:read", "memories:write"] });
    const memory = client(raw);
    await memory.ping();
    const { revokeKey } = await import("../../lib/keys/service");
    await revokeKey(org, key.id, undefined, actor);
    const refused = await memory.getAll({ filters: { user_id: "alex" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(mem0.AuthenticationError);
    expect((refused as Error).message).toContain("This API key has been revoked");
    await expect(client(raw).ping()).rejects.toBeInstanceOf(mem0.AuthenticationError);
  });

  it("construction pings with the key: a revoked key's ping fails with the client's AuthenticationError", async () => {
    const { raw, org, key, actor } = await issue();
    const { revokeKey } = await import("../../lib/keys/service");
    await revokeKey(org, key.id, undefined, actor);
    errors.length = 0;
    const memory = client(raw);
    await (memory as unknown as { initialized: Promise<void> }).initialized;
    const [, failure] = errors.find((e) => (e as unknown[])[0] === "Failed to initialize client:") as [string, Error];
    expect(failure).toBeInstanceOf(mem0.AuthenticationError);
    expect(failure.message).toContain("This API key has been revoked");
  });

  it("rate limits and missing scopes reach the client as its RateLimitError and AuthenticationError", async () => {
    const { raw } = await issue({ scopes: ["memories:read"], ratelimitPerMinute: 2 });
    const memory = client(raw);
    await memory.ping();
    await expect(memory.search("x", {})).rejects.toBeInstanceOf(mem0.AuthenticationError);
    await expect(memory.getAll({})).rejects.toBeInstanceOf(mem0.RateLimitError);
  });

  it("a Bearer credential is refused as Mem0 clients send Token; org_id of another organization is a 404", async () => {
    const { raw } = await issue();
    const bearer = await send(undefined, { method: "GET", path: "/v1/ping/", headers: { Authorization: `Bearer ${raw}` } });
    expectProfileError("mem0", bearer, 401, "UNAUTHORIZED", "Authorization must be 'Token <key>'");
    expectProfileError("mem0", await send(raw, { method: "GET", path: "/v1/ping/?org_id=someone-else" }), 404, "NOT_FOUND");
    const ping = await send(raw, { method: "GET", path: "/v1/ping/" });
    expect(Object.keys(ping.body).sort()).toEqual(["org_id", "project_id", "status", "user_email"]);
  });
});
