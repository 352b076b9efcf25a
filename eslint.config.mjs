import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks a value taken apart on purpose and left unused.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Imports point down: UI never reaches the database; the HTTP API asks lib modules, not the client.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db/*", "**/lib/db/*"], message: "components/ draws what app/ passes it: read data in app/ through lib modules." }] }],
    },
  },
  {
    files: ["lib/api/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/db/client"], message: "lib/api calls lib modules; queries live beside their domain." }] }],
    },
  },
  globalIgnores([".next/**", "dist/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
