import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import type { KeyEnvironment } from "./constants";

// Key format: <prefix>_<env>_<32 random base62><6 base62 CRC32 of everything before>.
// e.g. kh_live_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8AbC123
// The checksum lets us refuse typos and junk without touching the database, and lets
// secret scanners recognise our keys by shape.

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32; // 32 * log2(62) ≈ 190 bits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

const DEFAULT_PREFIX = "kh";
const PREFIX_SHAPE = /^[a-z][a-z0-9]{0,15}$/;

let prefix: string | undefined;

/** KEY_PREFIX, read and checked once (parseKey runs on every verification). */
function keyPrefix(): string {
  if (prefix) return prefix;
  const configured = process.env.KEY_PREFIX ?? DEFAULT_PREFIX;
  if (!PREFIX_SHAPE.test(configured)) throw new Error(`KEY_PREFIX must match ${PREFIX_SHAPE}`);
  return (prefix = configured);
}

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function checksum(body: string): string {
  let n = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function generateKey(environment: KeyEnvironment, prefix = keyPrefix()): string {
  const body = `${prefix}_${environment}_${randomBase62(RANDOM_LENGTH)}`;
  return body + checksum(body);
}

export interface ParsedKey {
  prefix: string;
  environment: KeyEnvironment;
}

const KEY_SHAPE = new RegExp(`^([a-z][a-z0-9]{0,15})_(live|test)_[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/**
 * What a pasted string is, for a person looking at it (support search): a key of ours, a
 * key-shaped string whose checksum is wrong (mistyped or cut), or not a key.
 */
export function keyShapeOf(raw: string, prefix = keyPrefix()): "key" | "bad-checksum" | "not-a-key" {
  const match = KEY_SHAPE.exec(raw);
  if (!match || match[1] !== prefix) return "not-a-key";
  return parseKey(raw, prefix) ? "key" : "bad-checksum";
}

/** The key's parts when its shape, prefix and checksum are right; otherwise null. */
export function parseKey(raw: string, prefix = keyPrefix()): ParsedKey | null {
  if (raw.length > 64) return null;
  const match = KEY_SHAPE.exec(raw);
  if (!match || match[1] !== prefix) return null;
  const body = raw.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== raw.slice(-CHECKSUM_LENGTH)) return null;
  return { prefix: match[1], environment: match[2] as KeyEnvironment };
}

export function hashKey(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

export const HINT_SHAPE = /^[a-z][a-z0-9]{0,15}_(live|test)_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/;

/** What we show instead of the key: `kh_live_a1B2…q7R8`. */
export function keyHint(raw: string): string {
  const secretStart = raw.indexOf("_", raw.indexOf("_") + 1) + 1;
  return `${raw.slice(0, secretStart + 4)}…${raw.slice(-4)}`;
}
