import { z } from "zod";

// PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00") and a
// lone UTF-16 surrogate cannot be encoded at all: both would end in a 500 deep in the
// database driver. One rule, applied wherever a string enters, refuses them up front.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

const STORABLE = { error: "Contains a character that cannot be stored (NUL or an unpaired surrogate)." };

/** A string that can be stored: use instead of z.string() for any input that reaches the database. */
export const text = () => z.string().refine(isStorableText, STORABLE);

// Control characters (CR, LF, tab, NUL, C1) and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A name on one line: control characters become spaces, runs of spaces one, ends trimmed. */
export function oneLine(s: string): string {
  return s.replace(CONTROL, " ").replace(/ {2,}/g, " ").trim();
}

/** A record id in a path or query: letters, digits, `_` and `-` only (cuid and friends). */
export const recordId = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: "Not a valid id." });

const MAX_JSON_DEPTH = 32;

/** Nesting depth of a JSON value (a scalar is 0). Iterative: deep input cannot overflow the stack. */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    max = Math.max(max, d + 1);
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function storableJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string" && !isStorableText(v)) return false;
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (!isStorableText(k)) return false;
        stack.push(child);
      }
    }
  }
  return true;
}

/** A JSON object of free-form metadata: at most MAX_JSON_DEPTH levels deep, storable strings only. */
export const jsonObject = () =>
  z
    .record(z.string(), z.unknown())
    .refine((v) => jsonDepth(v) <= MAX_JSON_DEPTH, { error: `Nested more than ${MAX_JSON_DEPTH} levels deep.` })
    .refine(storableJson, STORABLE);
