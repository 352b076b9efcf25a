import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp, parseTrustProxy } from "./client-ip";

function req(peer: string, xff?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { "x-forwarded-for": xff } } as IncomingMessage;
}

describe("clientIp", () => {
  it("without TRUST_PROXY ignores X-Forwarded-For entirely", () => {
    expect(clientIp(req("198.51.100.9", "203.0.113.99"), parseTrustProxy(undefined))).toBe("198.51.100.9");
    expect(clientIp(req("198.51.100.9", "203.0.113.99"), parseTrustProxy("false"))).toBe("198.51.100.9");
  });

  it("TRUST_PROXY=true takes the address the one proxy appended, not the client's own left-most entry", () => {
    // The review's case: a client sends a forged entry; the proxy appends the real address.
    expect(clientIp(req("10.0.0.2", "203.0.113.99, 198.51.100.9"), parseTrustProxy("true"))).toBe("198.51.100.9");
    expect(clientIp(req("10.0.0.2", "198.51.100.9"), parseTrustProxy("true"))).toBe("198.51.100.9");
    expect(clientIp(req("10.0.0.2"), parseTrustProxy("true"))).toBe("10.0.0.2");
  });

  it("a hop count trusts that many proxies from the right", () => {
    const two = parseTrustProxy("2");
    expect(clientIp(req("10.0.0.2", "203.0.113.99, 198.51.100.9, 10.0.0.1"), two)).toBe("198.51.100.9");
    // Fewer entries than hops: the left-most address is all there is.
    expect(clientIp(req("10.0.0.2", "198.51.100.9"), two)).toBe("198.51.100.9");
  });

  it("a CIDR list skips every trusted proxy, IPv4 and IPv6", () => {
    const list = parseTrustProxy("10.0.0.0/8, 2001:db8::/32, 192.0.2.7");
    expect(clientIp(req("10.0.0.2", "203.0.113.99, 198.51.100.9, 192.0.2.7, 10.1.2.3"), list)).toBe("198.51.100.9");
    expect(clientIp(req("2001:db8::1", "2001:db8:ffff::5, 2001:db9::1"), list)).toBe("2001:db9::1");
    // An untrusted peer is itself the client, whatever it claims.
    expect(clientIp(req("198.51.100.9", "203.0.113.99"), list)).toBe("198.51.100.9");
    // IPv4-mapped IPv6 peers match IPv4 ranges.
    expect(clientIp(req("::ffff:10.0.0.2", "198.51.100.9"), list)).toBe("198.51.100.9");
  });

  it("refuses a TRUST_PROXY it cannot read", () => {
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/not an IP address/);
  });
});
