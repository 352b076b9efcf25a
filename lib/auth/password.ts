import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { processSingleton } from "../process-singleton";
import { isCommonPassword } from "./common-passwords";
import { MIN_STRENGTH, passwordStrength } from "./password-strength";
import { settings } from "../config/settings";

// scrypt N=2^17, r=8, p=1 (OWASP's recommendation); needs 128 MiB, so raise maxmem.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

// Each hash takes 128 MiB and about 0.3 s of a core: a flood of sign-ups or sign-ins must
// queue for a few slots instead of exhausting memory and starving every other request.
const HASH_SLOTS = settings().KEYHOUSE_HASH_CONCURRENCY;
const HASH_QUEUE_MAX = 100;

export class HashingBusy extends Error {}

function hashingSlots() {
  return processSingleton("password-hash-slots", () => ({ running: 0, waiting: [] as (() => void)[] }));
}

async function withHashingSlot<T>(run: () => Promise<T>): Promise<T> {
  const slots = hashingSlots();
  if (slots.running >= HASH_SLOTS) {
    if (slots.waiting.length >= HASH_QUEUE_MAX) throw new HashingBusy("Too many password checks at once");
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  } else {
    slots.running++;
  }
  try {
    return await run();
  } finally {
    const next = slots.waiting.shift();
    if (next) next(); // the slot passes straight to the next in line
    else slots.running--;
  }
}

// Recent hashing time, so answers that skip hashing can take as long as ones that do.
let typicalHashMs = 300;
export const typicalHashDuration = () => typicalHashMs;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return withHashingSlot(() => {
    const started = performance.now();
    return new Promise<Buffer>((resolve, reject) =>
      scryptCb(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) => {
        typicalHashMs = typicalHashMs * 0.8 + (performance.now() - started) * 0.2;
        if (err) reject(err);
        else resolve(key);
      }),
    );
  });
}

/** Format: scrypt$N$r$p$salt$hash (base64url), so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Compared against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(18).toString("base64url")));
}

/** Returns an error message, or null when the password is acceptable. */
export function checkPasswordPolicy(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (isCommonPassword(password)) return "This password is too common. Choose another.";
  if (passwordStrength(password) < MIN_STRENGTH) return "This password is too easy to guess. Add more words or characters.";
  return null;
}
