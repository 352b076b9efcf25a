// Audit events as sentences people read ("ada@x rotated key Production, grace 24 hours");
// the JSON stays one click away. Safe for client components: no database, no Node APIs.

type Meta = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v));

function duration(seconds: number): string {
  if (!seconds) return "no grace window";
  if (seconds % 86_400 === 0) return `grace ${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `grace ${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  return `grace ${seconds} seconds`;
}

function changes(meta: Meta): string {
  const c = (meta.changes ?? meta) as Record<string, { from?: unknown; to?: unknown }>;
  const parts = Object.entries(c)
    .filter(([, v]) => v && typeof v === "object" && "to" in v)
    .map(([k, v]) => `${k} ${str(v.from) || "none"} → ${str(v.to) || "none"}`);
  return parts.length ? `: ${parts.join("; ")}` : "";
}

const WHAT: Record<string, (m: Meta) => string> = {
  "auth.signin": () => "signed in",
  "user.signed_up": () => "signed up",
  "user.profile_changed": () => "changed their name",
  "user.password_changed": (m) => `changed their password, ending ${str(m.endedSessions) || "0"} other session(s)`,
  "user.sessions_ended": (m) => `ended ${str(m.sessions) || "0"} session(s)${m.by === "self" ? " of their own" : ""}`,
  "user.signin_unlocked": (m) => `unlocked sign-in for ${str(m.email)}`,
  "org.created": () => "created the organization",
  "org.settings_changed": (m) => `changed the settings${changes(m)}`,
  "org.deleted": (m) => `deleted the organization ${str(m.name)}, revoking ${str(m.keysRevoked)} key(s)`,
  "org.suspended": (m) => `suspended the organization ("${str(m.message)}")`,
  "org.reinstated": () => "reinstated the organization",
  "org.plan_changed": (m) => `changed the plan from ${str(m.from)} to ${str(m.to)}`,
  "key.created": (m) => `created key ${str(m.name)} (${str(m.hint)})`,
  "key.rotated": (m) => `rotated key ${str(m.name)}, ${duration(Number(m.gracePeriodSeconds ?? 0))}`,
  "key.revoked": (m) => `revoked key ${str(m.name)} (${str(m.hint)})${m.reason ? `: ${str(m.reason)}` : ""}`,
  "key.updated": (m) => `edited key ${str(m.name)}${changes(m)}`,
  "key.disabled": (m) => `disabled key ${str(m.name)} (${str(m.hint)})`,
  "key.enabled": (m) => `enabled key ${str(m.name)} (${str(m.hint)})`,
  "key.imported": (m) => `imported ${str(m.count) || "some"} key(s) with prefix ${str(m.prefix)}`,
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

/** "ada@example.com rotated key Production, grace 24 hours". */
export function describeAuditEvent(event: { action: string; actorLabel: string; metadata: unknown }): string {
  const meta = event.metadata && typeof event.metadata === "object" && !Array.isArray(event.metadata) ? (event.metadata as Meta) : {};
  const what = WHAT[event.action]?.(meta) ?? event.action;
  return `${event.actorLabel} ${what}`;
}
