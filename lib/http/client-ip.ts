import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

// server.ts writes the caller's address into this header on every request (replacing
// whatever the client sent), so Next pages, actions, next-auth and the API read one value.
export const CLIENT_IP_HEADER = "x-keyhouse-client-ip";

/**
 * Which proxies may tell us the client's address (`TRUST_PROXY`):
 * - unset or `false`: none; the client is the socket's peer;
 * - `true`: one hop (the usual single load balancer); a number `N`: N hops;
 * - a comma-separated list of addresses and CIDR ranges: every proxy whose address is in it.
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? "";
  if (v === "" || v === "false" || v === "0") return { kind: "none" };
  if (v === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(v)) return { kind: "hops", hops: Number(v) };
  const entries = v.split(",").map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!canonicalAddressOrRange(entry)) throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range`);
  }
  return { kind: "list", list: addressList(entries) };
}

/**
 * An IPv4/IPv6 address or CIDR range in one spelling ("2001:DB8::/32" → "2001:db8::/32"),
 * or null when it is neither (a prefix out of range, a host name, junk).
 */
export function canonicalAddressOrRange(entry: string): string | null {
  const [address, prefix, extra] = entry.trim().split("/");
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (!family) return null;
  const canonical = family === 6 ? new URL(`http://[${address}]`).hostname.slice(1, -1) : address;
  if (prefix === undefined) return canonical;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 6 ? 128 : 32)) return null;
  return `${canonical}/${Number(prefix)}`;
}

/** A matcher for valid entries (see canonicalAddressOrRange). */
export function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

// BlockList.check builds a SocketAddress per call; the answers for the addresses a list sees
// most are remembered (bounded: a list with many callers stays correct, just uncached).
const answers = new WeakMap<BlockList, Map<string, boolean>>();
const REMEMBERED_PER_LIST = 1000;

/** Whether `address` (IPv4-mapped IPv6 counts as IPv4) is in the list. */
export function listContains(list: BlockList, address: string): boolean {
  let known = answers.get(list);
  if (!known) answers.set(list, (known = new Map()));
  const cached = known.get(address);
  if (cached !== undefined) return cached;
  const answer = isTrusted(list, normalize(address));
  if (known.size < REMEMBERED_PER_LIST) known.set(address, answer);
  return answer;
}

/** `::ffff:203.0.113.9` is 203.0.113.9. */
function normalize(address: string): string {
  const a = address.trim();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function isTrusted(list: BlockList, address: string): boolean {
  const type = isIP(address);
  return type !== 0 && list.check(address, type === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address. X-Forwarded-For is written left to right by the client and each
 * proxy in turn, so only its right-hand end is trustworthy: walk from the socket's peer
 * leftwards past the trusted proxies; the first address that is not one is the client.
 * (The left-most entry is whatever the client chose to send.)
 */
export function clientIp(req: IncomingMessage, trust: TrustProxy): string {
  const peer = normalize(req.socket.remoteAddress ?? "unknown");
  if (trust.kind === "none") return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map(normalize)
    .filter(Boolean);
  // The chain, nearest last: the client, the proxies, then the peer that connected to us.
  const chain = [...forwarded, peer];
  if (trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - trust.hops)];
  for (let i = chain.length - 1; i > 0; i--) {
    if (!isTrusted(trust.list, chain[i])) return chain[i];
  }
  return chain[0];
}

let fromEnv: TrustProxy | undefined;

/** The deployment's TRUST_PROXY, parsed once. */
export function trustProxyFromEnv(): TrustProxy {
  return (fromEnv ??= parseTrustProxy(process.env.TRUST_PROXY));
}

/** The address server.ts recorded for this request (computed here when it did not, as in tests). */
export function requestClientIp(req: IncomingMessage): string {
  const recorded = req.headers[CLIENT_IP_HEADER];
  return typeof recorded === "string" ? recorded : clientIp(req, trustProxyFromEnv());
}
