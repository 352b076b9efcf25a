import { hash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { keyStarts, PROFILE_IDS, PROFILES, type ProfileId, type ProfileInfo } from "../profiles/catalog";
import { enabledProfiles } from "../profiles/enabled";
import type { KeyEnvironment } from "./constants";

// Key format: <profile's start>[<env>_]<32 random base62><6 base62 CRC32 of everything before>,
// e.g. mos_live_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8AbC123 or m0-a1B2…AbC123 (Mem0 keys do
// not spell their environment). The checksum lets us refuse typos and junk without touching
// the database, and lets secret scanners recognise our keys by shape.

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32; // 32 * log2(62) ≈ 190 bits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const SECRET_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
const SECRET_SHAPE = new RegExp(`^[0-9A-Za-z]{${SECRET_LENGTH}}$`);
const MAX_KEY_LENGTH = 64;

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

/** A new key in the profile's format (default Memory OS, also the format of root keys). */
export function generateKey(environment: KeyEnvironment, profileId: ProfileId = "memory-os"): string {
  const profile = PROFILES[profileId];
  if (!profile.environments.includes(environment)) throw new Error(`${profile.label} keys have no ${environment} environment`);
  const body = `${profile.keyStart}${profile.environmentInKey ? `${environment}_` : ""}${randomBase62(RANDOM_LENGTH)}`;
  return body + checksum(body);
}

/** Shared by every key of one start: read, never changed. */
export interface ParsedKey {
  readonly profile: ProfileId;
  /** Null when the profile's keys do not spell it (the stored key row knows). */
  readonly environment: KeyEnvironment | null;
}

/** The key's profile and environment from its start, whatever its checksum; null: no profile's shape. */
function shapeOf(raw: string, profiles: readonly ProfileInfo[]): ParsedKey | null {
  if (raw.length > MAX_KEY_LENGTH) return null;
  for (const profile of profiles) {
    if (!raw.startsWith(profile.keyStart)) continue;
    for (const { start, parsed } of SHAPES[profile.id]) {
      if (raw.length !== start.length + SECRET_LENGTH || !raw.startsWith(start)) continue;
      if (SECRET_SHAPE.test(raw.slice(start.length))) return parsed;
    }
  }
  return null;
}

const ALL_PROFILES = PROFILE_IDS.map((id) => PROFILES[id]);
// Each start a profile's keys may have, with what it tells; built once, shared by every answer.
const SHAPES = Object.fromEntries(
  ALL_PROFILES.map((p) => [
    p.id,
    keyStarts(p).map((start) => {
      const environment = p.environmentInKey ? (start.slice(p.keyStart.length, -1) as KeyEnvironment) : null;
      return { start, parsed: Object.freeze({ profile: p.id, environment }) };
    }),
  ]),
) as Record<ProfileId, { start: string; parsed: ParsedKey }[]>;

/**
 * What a pasted string is, for a person looking at it (support search): a key of any profile,
 * a key-shaped string whose checksum is wrong (mistyped or cut), or not a key.
 */
export function keyShapeOf(raw: string): "key" | "bad-checksum" | "not-a-key" {
  if (shapeOf(raw, ALL_PROFILES)) return parseKey(raw, ALL_PROFILES) ? "key" : "bad-checksum";
  if (LEGACY_SHAPE.test(raw)) return isLegacyKey(raw) ? "key" : "bad-checksum";
  return "not-a-key";
}

/** The key's parts when its shape (of an enabled profile) and checksum are right; otherwise null. */
export function parseKey(raw: string, profiles: readonly ProfileInfo[] = enabledProfiles()): ParsedKey | null {
  const parsed = shapeOf(raw, profiles);
  if (!parsed) return null;
  return checksumMatches(raw) ? parsed : null;
}

/** Whether the key's last characters are the checksum of the rest: `checksum`, read digit by digit from the end (no string built per verification). */
function checksumMatches(raw: string): boolean {
  let n = crc32(raw.slice(0, -CHECKSUM_LENGTH));
  for (let i = raw.length - 1; i >= raw.length - CHECKSUM_LENGTH; i--) {
    if (raw[i] !== BASE62[n % 62]) return false;
    n = Math.floor(n / 62);
  }
  return true;
}

// Before key prefixes followed the organization's profile, a deployment had one prefix
// (KEY_PREFIX, `kh` by default): `<prefix>_<env>_<32 base62><6 checksum>`. Keys issued then
// keep verifying, by hash, until their owners rotate them; the checksum still refuses junk
// before any lookup.
const LEGACY_SHAPE = /^[a-z][a-z0-9]{0,15}_(live|test)_[0-9A-Za-z]{38}$/;

/**
 * Whether `raw` is a well-formed key of an older Keyhouse (any deployment prefix) that no
 * profile issues today: a key in a profile's format is that profile's, wherever it is sent.
 */
export function isLegacyKey(raw: string): boolean {
  return LEGACY_SHAPE.test(raw) && !shapeOf(raw, ALL_PROFILES) && checksumMatches(raw);
}

export function hashKey(raw: string): string {
  return hash("sha256", raw, "hex"); // one-shot: about half the cost of createHash().update().digest()
}

export const HINT_SHAPE = /^[a-z][a-z0-9]{0,15}[_-]((live|test)_)?[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/;

/** What we show instead of the key: `mos_live_a1B2…q7R8`, `m0-a1B2…q7R8`. */
export function keyHint(raw: string): string {
  const secretStart = raw.length - RANDOM_LENGTH - CHECKSUM_LENGTH;
  return `${raw.slice(0, secretStart + 4)}…${raw.slice(-4)}`;
}
