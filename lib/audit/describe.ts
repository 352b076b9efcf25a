// Audit events as sentences people read ("ada@x rotated key Production, grace 24 hours");
// the JSON stays one click away. Safe for client components: no database, no Node APIs.

type Meta = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v));

/** "1 key", "3 keys". */
function plural(count: unknown, noun: string, many = `${noun}s`): string {
  const n = Number(count ?? 0) || 0;
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : many}`;
}

function duration(seconds: number): string {
  if (!seconds) return "no grace window";
  if (seconds % 86_400 === 0) return `grace ${plural(seconds / 86_400, "day")}`;
  if (seconds % 3600 === 0) return `grace ${plural(seconds / 3600, "hour")}`;
  return `grace ${plural(seconds, "second")}`;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const day = (v: unknown) => (v ? new Date(str(v)).toISOString().slice(0, 10) : "");

function addedRemoved(label: string, from: unknown, to: unknown): string {
  const before = list(from);
  const after = list(to);
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
  return `${label}: ${parts.join(", ") || "reordered"}`;
}

// One phrase per field a change can touch, in the words the forms use.
const FIELD: Record<string, (from: unknown, to: unknown) => string> = {
  name: (from, to) => `renamed from "${str(from)}" to "${str(to)}"`,
  scopes: (from, to) => addedRemoved("scopes", from, to),
  defaultScopes: (from, to) => addedRemoved("default scopes", from, to),
  ipAllowlist: (from, to) => (list(to).length ? addedRemoved("IP allowlist", from, to) : "removed the IP allowlist"),
  expiresAt: (_, to) => (to ? `set the expiry to ${day(to)}` : "removed the expiry"),
  maxKeyLifetimeDays: (_, to) => (to ? `set the maximum key lifetime to ${plural(to, "day")}` : "removed the maximum key lifetime"),
  expiryRequired: (_, to) => (to ? "required an expiry on new keys" : "stopped requiring an expiry on new keys"),
  ratelimitPerMinute: (_, to) => (to ? `set the rate limit to ${plural(to, "request")} per minute` : "removed the rate limit"),
  credits: (_, to) => (to === null || to === undefined ? "removed the credit limit" : `set the credits to ${Number(to).toLocaleString("en-US")}`),
  creditRefill: (_, to) => {
    const refill = to as { amount?: number; interval?: string } | null;
    return refill?.amount ? `set the credits to refill to ${refill.amount.toLocaleString("en-US")} ${refill.interval ?? ""}`.trimEnd() : "stopped the credit refill";
  },
  limits: (_, to) => (list(to).length ? `set ${plural(list(to).length, "named limit")}` : "removed the named limits"),
  metadata: () => "changed the metadata",
  projectId: (_, to) => (to ? "moved it to another project" : "took it out of its project"),
  externalId: (_, to) => (to ? `attached it to customer ${str(to)}` : "detached it from its customer"),
};

function changes(meta: Meta): string {
  const c = (meta.changes ?? meta) as Record<string, { from?: unknown; to?: unknown }>;
  const parts = Object.entries(c)
    .filter(([, v]) => v && typeof v === "object" && "to" in v)
    .map(([k, v]) => FIELD[k]?.(v.from, v.to) ?? `changed ${k.replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`)}`);
  return parts.length ? `: ${parts.join("; ")}` : "";
}

const WHAT: Record<string, (m: Meta) => string> = {
  "auth.signin": () => "signed in",
  "user.signed_up": () => "signed up",
  "user.email_verified": () => "confirmed their email address",
  "user.created": (m) => (m.staffRole ? `created the account as ${str(m.staffRole).toLowerCase()} staff` : "created the account"),
  "user.password_reset_requested": () => "asked for a password reset link",
  "user.password_reset": (m) => `reset their password, ending ${plural(m.endedSessions, "session")}`,
  "user.profile_changed": () => "changed their name",
  "user.password_changed": (m) => `changed their password, ending ${plural(m.endedSessions, "other session")}`,
  "user.sessions_ended": (m) => `ended ${plural(m.sessions, "session")}${m.by === "self" ? " of their own" : ""}`,
  "user.signin_unlocked": (m) => `unlocked sign-in for ${str(m.email)}`,
  "org.created": () => "created the organization",
  "org.settings_changed": (m) => `changed the settings${changes(m)}`,
  "org.deleted": (m) => `deleted the organization ${str(m.name)}, revoking ${plural(m.keysRevoked, "key")}`,
  "org.suspended": (m) => `suspended the organization ("${str(m.message)}")`,
  "org.reinstated": () => "reinstated the organization",
  "org.plan_changed": (m) => `changed the plan from ${str(m.from)} to ${str(m.to)}${m.reason ? ` ("${str(m.reason)}")` : ""}`,
  "key.created": (m) => `created key ${str(m.name)} (${str(m.hint)})`,
  "key.rotated": (m) => `rotated key ${str(m.name)}, ${duration(Number(m.gracePeriodSeconds ?? 0))}`,
  "key.revoked": (m) => `revoked key ${str(m.name)} (${str(m.hint)})${m.reason ? `: ${str(m.reason)}` : ""}`,
  "key.updated": (m) => `edited key ${str(m.name)}${changes(m)}`,
  "key.disabled": (m) => `disabled key ${str(m.name)} (${str(m.hint)})`,
  "key.enabled": (m) => `enabled key ${str(m.name)} (${str(m.hint)})`,
  "key.imported": (m) => `imported ${m.count === undefined ? "keys" : plural(m.count, "key")} with prefix ${str(m.prefix)}`,
  "identity.created": (m) => `added customer ${str(m.externalId)}`,
  "identity.updated": (m) => `changed the shared limits of customer ${str(m.externalId)}${changes(m)}`,
  "root_key.created": (m) => `created root key ${str(m.name)}`,
  "root_key.revoked": (m) => `revoked root key ${str(m.name)}`,
  "member.invited": (m) => `invited ${str(m.email)} as ${str(m.role).toLowerCase()}`,
  "member.invitation_revoked": (m) => `revoked the invitation of ${str(m.email)}`,
  "member.joined": (m) => `joined as ${str(m.role).toLowerCase()}`,
  "member.role_changed": (m) => `made ${str(m.email)} ${str(m.to).toLowerCase()} (was ${str(m.from).toLowerCase()})`,
  "member.removed": (m) => `removed ${str(m.email)}`,
  "member.left": () => "left the organization",
  "member.ownership_transferred": (m) => `made ${str(m.to)} the owner`,
  "project.created": (m) => `created project ${str(m.name)}`,
  "project.renamed": (m) => `renamed project ${str(m.from)} to ${str(m.to)}`,
  "project.archived": (m) => `archived project ${str(m.name)}`,
  "project.restored": (m) => `restored project ${str(m.name)}`,
  "support.viewed": () => "viewed the organization as support",
  "support.key_looked_up": (m) => `looked up the owner of key ${str(m.hint)}`,
};

const asMeta = (metadata: unknown): Meta => (metadata && typeof metadata === "object" && !Array.isArray(metadata) ? (metadata as Meta) : {});

/** "ada@example.com rotated key Production, grace 24 hours". */
export function describeAuditEvent(event: { action: string; actorLabel: string; metadata: unknown }): string {
  const what = WHAT[event.action]?.(asMeta(event.metadata)) ?? event.action;
  return `${event.actorLabel} ${what}`;
}

const TARGET_NOUN: Record<string, string> = {
  api_key: "Key",
  root_key: "Root key",
  user: "Person",
  organization: "Organization",
  project: "Project",
  invitation: "Invitation",
  identity: "Customer",
};

/** "Key Production", "Person ada@example.com", "Organization Acme": what an event acted on, by name. */
export function describeTarget(event: { targetType: string | null; metadata: unknown; organizationName?: string | null }): string {
  if (!event.targetType) return "—";
  const m = asMeta(event.metadata);
  const noun = TARGET_NOUN[event.targetType] ?? event.targetType.replace(/_/g, " ");
  const word = (v: unknown) => (typeof v === "string" ? v : "");
  const name = event.targetType === "organization" ? (event.organizationName ?? word(m.name)) : word(m.name) || word(m.email) || word(m.externalId) || word(m.hint);
  return name ? `${noun} ${name}` : noun;
}
