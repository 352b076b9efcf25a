import pino from "pino";
import { processSingleton } from "./process-singleton";

/**
 * The process's one logger (pino, JSON lines). The HTTP API logs through it too (lib/api/app.ts),
 * so every line of a process has one shape. Credentials are redacted wherever they appear.
 */
export function log(): pino.Logger {
  return processSingleton("logger", () =>
    pino({
      level: process.env.LOG_LEVEL ?? "info",
      redact: {
        paths: ["req.headers.authorization", 'req.headers["x-api-key"]', "req.headers.cookie", "body.key", "key", "password"],
        censor: "[redacted]",
      },
    }),
  );
}
