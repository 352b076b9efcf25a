import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

// A client's own X-Request-ID is echoed when it is a sane token; anything else is replaced.
const CLIENT_ID = /^[A-Za-z0-9._:\-]{1,128}$/;

export function requestId(req: IncomingMessage): string {
  const sent = req.headers["x-request-id"];
  if (typeof sent === "string" && CLIENT_ID.test(sent)) return sent;
  return `req_${INSTANCE}${(++sequence).toString(36).padStart(8, "0")}`;
}

// Unique, not secret: 64 random bits per process, then a counter (no entropy per request).
const INSTANCE = randomBytes(8).toString("hex");
let sequence = 0;
