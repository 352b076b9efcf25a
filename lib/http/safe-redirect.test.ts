import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths", () => {
    expect(safeCallbackPath("/acme/keys?status=active")).toBe("/acme/keys?status=active");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "/a\nb", undefined, 42])(
    "replaces %s with the fallback",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});
