import type { ServerResponse } from "node:http";

// Next needs inline scripts to hydrate; a nonce-based CSP would force every page to
// render dynamically. 'unsafe-eval' and ws: only for the dev server's hot reload.
function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join("; ");
}

// Built once: every response carries it.
const POLICY = { dev: contentSecurityPolicy(true), production: contentSecurityPolicy(false) };

/** The headers as [name, value, name, value, …], for writeHead in one call. */
export function securityHeaderList(dev: boolean): string[] {
  return [
    "X-Content-Type-Options",
    "nosniff",
    "Content-Security-Policy",
    dev ? POLICY.dev : POLICY.production,
    "Referrer-Policy",
    "strict-origin-when-cross-origin",
    "X-Frame-Options",
    "DENY",
  ];
}

export function setSecurityHeaders(res: ServerResponse, dev: boolean): void {
  const list = securityHeaderList(dev);
  for (let i = 0; i < list.length; i += 2) res.setHeader(list[i], list[i + 1]);
}
