import { z } from "zod";
import { parseTrustProxy } from "../http/client-ip";
import { keepAliveSecondsFromEnv } from "../http/keep-alive";
import { parseProfileList } from "../profiles/enabled";

// Every environment variable Keyhouse reads, checked in one place when the process starts: a
// bad value stops start-up with the variable's name instead of surfacing later as NaN in a
// limit, a pool size or a URL. docs: lib/config/variables.ts renders the README's table.

/** A whole number in [min, max], from its text; empty counts as unset. */
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const emptyIsUnset = (v: unknown) => (v === undefined || v === "" ? undefined : v);

/** A whole number from the environment; unset or empty means the default. */
const whole = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(emptyIsUnset, wholeNumber(min, max).default(fallback));

/** Like `whole`, but unset means "off" (undefined). */
const optionalWhole = (min: number, max: number) => z.preprocess(emptyIsUnset, wholeNumber(min, max).optional());

/** "true" or "false" (also 1/0, yes/no); unset or empty means `fallback`. */
const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : String(v).toLowerCase()),
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
      .transform((v) => v === "true" || v === "1" || v === "yes")
      .default(fallback),
  );

const unsetIfEmpty = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** A URL with one of `protocols` ("postgres:"), or unset. */
const optionalUrl = (...protocols: string[]) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
        error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
      })
      .optional(),
  );

/** Text its own module parses (and explains: `parse` throws "NAME: why"); the parsed value. */
const parsedBy = <T>(parse: (v: string | undefined) => T) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        try {
          return parse(v);
        } catch (err) {
          ctx.issues.push({ code: "custom", input: v, message: (err as Error).message.replace(/^[A-Z_]+: ("[^"]*" )?/, "") });
          return z.NEVER;
        }
      }),
  );

const optionalText = () => z.preprocess(unsetIfEmpty, z.string().optional());

const settingsSchema = z.object({
  HOST: z.preprocess(unsetIfEmpty, z.string().default("0.0.0.0")),
  DATABASE_URL: optionalUrl("postgres:", "postgresql:"),
  REDIS_URL: optionalUrl("redis:", "rediss:"),
  KEYHOUSE_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default("./data")),
  NEXTAUTH_SECRET: optionalText(),
  NEXTAUTH_URL: optionalUrl("http:", "https:"),
  TRUST_PROXY: parsedBy(parseTrustProxy),
  KEEP_ALIVE_TIMEOUT_SECONDS: parsedBy(keepAliveSecondsFromEnv),
  SMTP_URL: optionalUrl("smtp:", "smtps:"),
  MAIL_FROM: optionalText(),
  KEYHOUSE_PROFILES: parsedBy(parseProfileList),
  KEYHOUSE_SINGLE_INSTANCE: z.preprocess(unsetIfEmpty, flag(false).optional()),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
  ),
  GITHUB_ID: optionalText(),
  GITHUB_SECRET: optionalText(),
  GOOGLE_ID: optionalText(),
  GOOGLE_SECRET: optionalText(),
  OIDC_ISSUER: optionalUrl("https:", "http:"),
  OIDC_ID: optionalText(),
  OIDC_SECRET: optionalText(),
  OIDC_NAME: optionalText(),
  LOG_REQUESTS: flag(false),
  METRICS_PORT: optionalWhole(0, 65_535),
  METRICS_HOST: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).default("127.0.0.1")),
  PORT: whole(3000, 0, 65_535),
  DATABASE_POOL_SIZE: whole(10, 1, 1_000),
  KEYHOUSE_PGLITE_MAX_CONNECTIONS: whole(40, 1, 1_000),
  KEYHOUSE_HASH_CONCURRENCY: whole(2, 1, 64),
  KEYHOUSE_SIGNUPS_PER_IP_PER_HOUR: whole(5, 0),
  KEYHOUSE_SIGNUPS_PER_HOUR: whole(200, 0),
  ROOT_RATELIMIT_PER_MINUTE: whole(1_000_000, 1),
  USAGE_MINUTE_RETENTION_HOURS: whole(48, 1),
  USAGE_HOUR_RETENTION_DAYS: whole(35, 1),
  USAGE_DAY_RETENTION_DAYS: whole(400, 1),
});
export type Settings = z.infer<typeof settingsSchema>;
/** Every variable the schema reads, in its order. */
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export class SettingsError extends Error {}

/** The settings of `env`, or a SettingsError naming every bad variable. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${String(i.path[0])}=${JSON.stringify(env[String(i.path[0])])} ${i.message}`);
  throw new SettingsError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
}

let current: Settings | undefined;

/** This process's settings, read once. */
export function settings(): Settings {
  return (current ??= parseSettings(process.env));
}
