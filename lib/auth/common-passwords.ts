import { dictionary } from "@zxcvbn-ts/language-common";

// zxcvbn's list is ordered by frequency in leaked password sets; we refuse the top 3,000.
const COMMON = new Set((dictionary["passwords-common"] as string[]).slice(0, 3000).map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}
