// The authentication contract every compatibility profile keeps, each in its own words:
// key shown once in its format, wrong prefix, wrong checksum, missing credential, expired,
// revoked, suspended, missing scope, rate limited, quota exceeded. Over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { generateKey, hashKey } from "../../lib/keys/format";
import { revokeKey } from "../../lib/keys/service";
import { suspendOrganization } from "../../lib/orgs/suspension";
import { keyStarts, PROFILES, type ProfileId } from "../../lib/profiles/catalog";
import { limiter } from "../../lib/ratelimit/limiter";
import { startApiServer } from "./api-server";
import { issueKey } from "./keys";

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

interface ProfileRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A client of `profile`'s routes: sends the key the way its clients do (or no key at all). */
function profileClient(profile: ProfileId, base: () => string) {
  const info = PROFILES[profile];
  const root = profile === "memory-os" ? "/api" : info.basePath;
  return async (key: string | undefined, request: ProfileRequest): Promise<Answer> => {
    const headers = new Headers(request.headers);
    if (key !== undefined) {
      const scheme = info.credential.schemes[0];
      if (scheme) headers.set("Authorization", `${scheme} ${key}`);
      else headers.set("X-API-Key", key);
    }
    if (request.body !== undefined) headers.set("content-type", "application/json");
    const res = await fetch(`${base()}${root}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
  };
}

const RELAY_TYPES: Record<number, string> = {
  400: "validation_error",
  401: "authentication_error",
  403: "authorization_error",
  404: "not_found_error",
  429: "rate_limit_error",
};

/** The error body as the profile's clients read it, field by field. */
export function expectProfileError(profile: ProfileId, r: Answer, status: number, code: string, message?: string | RegExp) {
  expect(r.status).toBe(status);
  const requestId = r.headers.get("x-request-id");
  expect(requestId).toMatch(/^req_/);
  const matches = (value: unknown) =>
    message === undefined ? expect(typeof value).toBe("string") : expect(value).toMatch(message);
  switch (profile) {
    case "memory-os": {
      const body = r.body as { error: { code: string; message: string }; meta: { request_id: string } };
      expect(Object.keys(body).sort()).toEqual(["error", "meta"]);
      expect(body.error.code).toBe(code);
      matches(body.error.message);
      expect(body.meta.request_id).toBe(requestId);
      break;
    }
    case "memoryrelay":
      expect(Object.keys(r.body).sort()).toEqual(["code", "detail", "error", "error_code", "message", "request_id", "type"]);
      expect(r.body.type).toBe(RELAY_TYPES[status]);
      expect(r.body.code).toBe(status);
      expect(r.body.error_code).toBe(code);
      matches(r.body.message);
      expect(r.body.error).toBe(r.body.message);
      expect(r.body.detail).toBe(r.body.message);
      expect(r.body.request_id).toBe(requestId);
      break;
    default:
      expect(Object.keys(r.body).sort()).toEqual(["code", "detail", "request_id"]);
      expect(r.body.code).toBe(code);
      matches(r.body.detail);
      expect(r.body.request_id).toBe(requestId);
  }
  expect(JSON.stringify(r.body)).not.toMatch(/prisma|select |stack|at .*\.ts/i);
}

export interface ProfileSuite {
  profile: ProfileId;
  /** A request that needs `scope` and answers 2xx with a key that has it. */
  keyed: ProfileRequest;
  scope: string;
  /** Scopes without `scope` (the key for the missing-scope case). */
  otherScopes: string[];
  /** Extra headers every keyed request needs (MemorySync's end user). */
  headers?: Record<string, string>;
}

/** The ten authentication cases against the profile's own routes. */
export function describeProfileAuth(suite: ProfileSuite) {
  const { profile } = suite;
  const info = PROFILES[profile];
  let api: Awaited<ReturnType<typeof startApiServer>>;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());
  const send = profileClient(profile, () => api.base);
  const keyed = { ...suite.keyed, headers: { ...suite.headers, ...suite.keyed.headers } };
  const issue = (options: Parameters<typeof issueKey>[0] = {}) => issueKey({ profile, scopes: [suite.scope], ...options });

  describe(`${info.label} profile: authentication`, () => {
    it("issues keys in the profile's format, stored as a hash and a hint only", async () => {
      const { raw, key } = await issue();
      expect(keyStarts(info).some((s) => raw.startsWith(s))).toBe(true);
      expect(raw).toHaveLength(keyStarts(info)[0].length + 38);
      const row = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row.hash).toBe(hashKey(raw));
      expect(row.hint.startsWith(info.keyStart)).toBe(true);
      expect(JSON.stringify(row)).not.toContain(raw.slice(-30));
      expect((await send(raw, keyed)).status).toBeLessThan(300);
    });

    it("refuses another profile's key as a wrong format, and a bad checksum as invalid", async () => {
      const other = profile === "memory-os" ? generateKey("live", "mem0") : generateKey("live");
      expectProfileError(
        profile,
        await send(other, keyed),
        401,
        "UNAUTHORIZED",
        `Wrong key format: ${info.label} keys start with ${keyStarts(info).join(" or ")}`,
      );
      const { raw } = await issue();
      const typo = raw.slice(0, -1) + (raw.endsWith("A") ? "B" : "A");
      expectProfileError(profile, await send(typo, keyed), 401, "UNAUTHORIZED", "Invalid API key");
    });

    it("refuses a request without a credential", async () => {
      expectProfileError(profile, await send(undefined, keyed), 401, "UNAUTHORIZED", "Missing API key");
    });

    it("refuses expired and revoked keys", async () => {
      const expired = await issue();
      await db().apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectProfileError(profile, await send(expired.raw, keyed), 401, "KEY_EXPIRED", "This API key has expired");
      const revoked = await issue();
      expect((await send(revoked.raw, keyed)).status).toBeLessThan(300);
      await revokeKey(revoked.org, revoked.key.id, undefined, revoked.actor);
      expectProfileError(profile, await send(revoked.raw, keyed), 401, "KEY_REVOKED", "This API key has been revoked");
    });

    it("refuses every key of a suspended account with 403", async () => {
      const { raw, organization } = await issue();
      await suspendOrganization(
        organization.slug,
        { note: "fraud", message: "Write to billing." },
        { type: "cli", label: "cli" },
      );
      expectProfileError(
        profile,
        await send(raw, keyed),
        403,
        "ACCOUNT_SUSPENDED",
        "This account is suspended: Write to billing.",
      );
    });

    it("refuses a key without the route's scope", async () => {
      const { raw } = await issue({ scopes: suite.otherScopes });
      expectProfileError(profile, await send(raw, keyed), 403, "FORBIDDEN", `Missing scope: ${suite.scope}`);
    });

    it("answers 429 with Retry-After and X-RateLimit-* past the key's limit", async () => {
      const { raw } = await issue({ ratelimitPerMinute: 2 });
      for (let i = 0; i < 2; i++) expect((await send(raw, keyed)).status).toBeLessThan(300);
      const r = await send(raw, keyed);
      expectProfileError(profile, r, 429, "RATE_LIMITED", "Rate limit exceeded: 2 requests per minute");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.headers.get("x-ratelimit-limit")).toBe("2");
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(Number(r.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    });

    it("refuses requests past the plan's daily quota", async () => {
      const { raw, organization } = await issue();
      const perDay = info.plans.FREE.perDay!;
      for (let i = 0; i < perDay; i++) await limiter().countDaily(organization.id, perDay);
      const r = await send(raw, keyed);
      // MemLayer's clients know a plan limit as 402.
      expectProfileError(
        profile,
        r,
        profile === "memlayer" ? 402 : 429,
        "QUOTA_EXCEEDED",
        `Daily quota of ${perDay} requests exceeded for this organization`,
      );
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    });
  });

  return { base: () => api.base, send, issue };
}
