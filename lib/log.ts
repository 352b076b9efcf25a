import pino from "pino";
import { processSingleton } from "./process-singleton";
import { settings } from "./config/settings";

/**
 * The process's one logger (pino, JSON lines). The HTTP API logs through it too (lib/api/app.ts),
 * so every line of a process has one shape. Credentials are redacted wherever they appear.
 */
export function log(): pino.Logger {
  return processSingleton("logger", () =>
    pino({
      level: settings().LOG_LEVEL,
      redact: {
        paths: ["req.headers.authorization", 'req.headers["x-api-key"]', "req.headers.cookie", "body.key", "key", "password"],
        censor: "[redacted]",
      },
    }),
  );
}
