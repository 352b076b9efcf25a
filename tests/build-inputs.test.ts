// `npm start` rebuilds exactly when something the build reads changed (scripts/build-inputs.mjs).
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain .mjs script without type declarations
import { BUILD_INPUTS, buildInputsHash } from "../scripts/build-inputs.mjs";

const copy = mkdtempSync(path.join(tmpdir(), "kh-build-inputs-"));
for (const input of BUILD_INPUTS as string[]) {
  try {
    cpSync(input, path.join(copy, input), { recursive: true });
  } catch {
    // an input that does not exist here (public/) is simply absent from the hash
  }
}
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("the build's inputs", () => {
  it("hash the same when nothing changed, even when files were touched", () => {
    const before = buildInputsHash(copy);
    const page = path.join(copy, "app", "(auth)", "signin", "page.tsx");
    utimesSync(page, new Date(), new Date());
    expect(buildInputsHash(copy)).toBe(before);
  });

  it.each([
    ["a page", path.join("app", "(auth)", "signin", "page.tsx")],
    ["the schema", path.join("prisma", "schema.prisma")],
    ["a dependency (the lockfile)", "package-lock.json"],
    ["the server", "server.ts"],
  ])("change when %s changes", (_what, rel) => {
    const before = buildInputsHash(copy);
    const file = path.join(copy, rel);
    const original = readFileSync(file, "utf8");
    writeFileSync(file, `${original}\n`);
    expect(buildInputsHash(copy)).not.toBe(before);
    writeFileSync(file, original);
    expect(buildInputsHash(copy)).toBe(before);
  });
});
