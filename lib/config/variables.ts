import type { Settings } from "./settings";

// What each environment variable does, for people: the README's configuration table is
// rendered from this list (`npm run docs:config`), and tests/config-docs.test.ts fails when a
// variable of lib/config/settings.ts is missing here or the README's table is stale.

interface Row {
  names: (keyof Settings)[];
  defaults: string;
  meaning: string;
}

export const VARIABLES: Row[] = [
  { names: ["PORT"], defaults: "`3000`", meaning: "HTTP port (dashboard and `/api/v1` on the same port)" },
  { names: ["HOST"], defaults: "`0.0.0.0`", meaning: "address to bind" },
  { names: ["DATABASE_URL"], defaults: "embedded PGlite", meaning: "`postgres://user:pass@host:5432/db` to use a PostgreSQL server" },
  { names: ["DATABASE_POOL_SIZE"], defaults: "`10`", meaning: "connections per instance" },
  { names: ["KEYHOUSE_PGLITE_MAX_CONNECTIONS"], defaults: "`40`", meaning: "connections the embedded database accepts (the server, the CLI and tests share it)" },
  { names: ["REDIS_URL"], defaults: "unset", meaning: "`redis://` or `rediss://`: shared rate limits and instant revocation across instances" },
  { names: ["KEYHOUSE_DATA_DIR"], defaults: "`./data`", meaning: "embedded database files and the generated auth secret" },
  { names: ["NEXTAUTH_SECRET"], defaults: "generated once into `data/auth-secret`", meaning: "signs session cookies; set it (the same on every instance) in production" },
  { names: ["NEXTAUTH_URL"], defaults: "`http://localhost:$PORT`", meaning: "public URL of the dashboard; `https://` turns on `__Secure-` cookies" },
  {
    names: ["TRUST_PROXY"],
    defaults: "`false`",
    meaning: "which proxies may name the client IP in `X-Forwarded-For`: `true` (one hop), a hop count, or a list of addresses and CIDR ranges",
  },
  {
    names: ["KEEP_ALIVE_TIMEOUT_SECONDS"],
    defaults: "`65`",
    meaning: "idle client connections stay open this long; keep it above your load balancer's idle timeout",
  },
  { names: ["KEYHOUSE_SIGNUPS_PER_IP_PER_HOUR", "KEYHOUSE_SIGNUPS_PER_HOUR"], defaults: "`5`, `200`", meaning: "sign-ups accepted per client IP and in all, per hour" },
  { names: ["KEYHOUSE_HASH_CONCURRENCY"], defaults: "`2`", meaning: "password hashes computed at once (128 MiB each)" },
  {
    names: ["USAGE_MINUTE_RETENTION_HOURS", "USAGE_HOUR_RETENTION_DAYS", "USAGE_DAY_RETENTION_DAYS"],
    defaults: "`48`, `35`, `400`",
    meaning: "how long usage is kept at each resolution",
  },
  {
    names: ["SMTP_URL", "MAIL_FROM"],
    defaults: "unset, `Keyhouse <no-reply@keyhouse.local>`",
    meaning: "send sign-up, invitation and password-reset emails; without it the invitation link is shown to copy",
  },
  { names: ["KEYHOUSE_PROFILES"], defaults: "all", meaning: "compatibility profiles served, comma-separated; Memory OS is always on" },
  {
    names: ["KEYHOUSE_SINGLE_INSTANCE"],
    defaults: "`true` on the embedded database",
    meaning: "key credits held in memory; leave unset when several instances share the database",
  },
  { names: ["ROOT_RATELIMIT_PER_MINUTE"], defaults: "`1000000`", meaning: "requests per minute a root key (a gateway's) may make" },
  { names: ["LOG_LEVEL"], defaults: "`info`", meaning: "pino level of the process log (`silent` turns it off)" },
  {
    names: ["LOG_REQUESTS"],
    defaults: "`false`",
    meaning: "one log line per API request, joined to the answer by its request id ([docs/operations.md](docs/operations.md#logs))",
  },
  {
    names: ["METRICS_PORT", "METRICS_HOST"],
    defaults: "unset, `127.0.0.1`",
    meaning: "serve Prometheus metrics at `GET /metrics` on this separate port ([docs/operations.md](docs/operations.md#metrics))",
  },
  {
    names: ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET", "OIDC_ISSUER", "OIDC_ID", "OIDC_SECRET", "OIDC_NAME"],
    defaults: "unset",
    meaning: "enable sign-in with GitHub, Google or a generic OpenID Connect provider",
  },
];

export const TABLE_START = "<!-- configuration table: npm run docs:config -->";
export const TABLE_END = "<!-- end of configuration table -->";

/** The README's configuration table, as Markdown. */
export function configurationTable(): string {
  const rows = VARIABLES.map((r) => `| ${r.names.map((n) => `\`${n}\``).join(", ")} | ${r.defaults} | ${r.meaning} |`);
  return [TABLE_START, "| variable | default | meaning |", "|---|---|---|", ...rows, TABLE_END].join("\n");
}
