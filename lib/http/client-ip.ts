import type { IncomingMessage } from "node:http";

// server.ts writes the caller's address into this header on every request (replacing
// whatever the client sent), so Next pages, actions and next-auth read one trusted value.
export const CLIENT_IP_HEADER = "x-keyhouse-client-ip";

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}
