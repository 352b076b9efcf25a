import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { processSingleton } from "../process-singleton";

// No Node APIs: the sign-up form loads this lazily to show the same score the server checks.

/** zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess); 3 and up is accepted. */
export const MIN_STRENGTH = 3;
export const STRENGTH_LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

export function passwordStrength(password: string): number {
  processSingleton("zxcvbn-options", () => {
    zxcvbnOptions.setOptions({ dictionary, graphs: adjacencyGraphs });
    return true;
  });
  // zxcvbn is quadratic in length; the first 100 characters decide the score of any password.
  return zxcvbn(password.slice(0, 100)).score;
}
