import { describe, expect, it } from "vitest";
import { describeAuditEvent, describeTarget } from "./describe";

const say = (action: string, metadata: unknown) => describeAuditEvent({ action, actorLabel: "ada@example.com", metadata });

describe("audit events as sentences", () => {
  it.each([
    ["org.settings_changed", { maxKeyLifetimeDays: { from: null, to: 90 } }, "ada@example.com changed the settings: set the maximum key lifetime to 90 days"],
    ["org.settings_changed", { maxKeyLifetimeDays: { from: 90, to: null }, expiryRequired: { from: false, to: true } }, "ada@example.com changed the settings: removed the maximum key lifetime; required an expiry on new keys"],
    ["org.settings_changed", { defaultScopes: { from: ["memories:read"], to: ["memories:read", "search:read"] } }, "ada@example.com changed the settings: default scopes: added search:read"],
    ["key.updated", { name: "Worker", changes: { scopes: { from: ["memories:read", "memories:write"], to: ["memories:read", "search:read"] } } }, "ada@example.com edited key Worker: scopes: added search:read, removed memories:write"],
    ["key.updated", { name: "Worker", changes: { name: { from: "Old", to: "Worker" }, expiresAt: { from: null, to: "2027-01-05T10:00:00.000Z" } } }, 'ada@example.com edited key Worker: renamed from "Old" to "Worker"; set the expiry to 2027-01-05'],
    ["key.updated", { name: "Worker", changes: { ratelimitPerMinute: { from: null, to: 1 } } }, "ada@example.com edited key Worker: set the rate limit to 1 request per minute"],
    ["key.rotated", { name: "Worker", gracePeriodSeconds: 86_400 }, "ada@example.com rotated key Worker, grace 1 day"],
    ["org.deleted", { name: "Acme", keysRevoked: 1 }, "ada@example.com deleted the organization Acme, revoking 1 key"],
    ["org.deleted", { name: "Acme", keysRevoked: 1200 }, "ada@example.com deleted the organization Acme, revoking 1,200 keys"],
    ["user.sessions_ended", { sessions: 2 }, "ada@example.com ended 2 sessions"],
    ["something.new", {}, "ada@example.com something.new"],
  ])("%s %j", (action, metadata, sentence) => {
    expect(say(action, metadata)).toBe(sentence);
  });

  it("names what an event acted on", () => {
    expect(describeTarget({ targetType: "api_key", metadata: { name: "Worker", hint: "mem0_…abcd" } })).toBe("Key Worker");
    expect(describeTarget({ targetType: "user", metadata: { email: "bob@example.com" } })).toBe("Person bob@example.com");
    expect(describeTarget({ targetType: "organization", metadata: { name: { from: "A", to: "B" } }, organizationName: "Acme" })).toBe("Organization Acme");
    expect(describeTarget({ targetType: "organization", metadata: { name: { from: "A", to: "B" } } })).toBe("Organization");
    expect(describeTarget({ targetType: null, metadata: {} })).toBe("—");
  });
});
