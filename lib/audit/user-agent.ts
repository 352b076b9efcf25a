import Bowser from "bowser";

/**
 * "Chrome 131 on macOS" for a browser; a program's own token ("curl/8.5.0") otherwise.
 * Safe for client components. The raw string stays in the row's title and the CSV export.
 */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return "—";
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return userAgent.split(/\s/)[0]!.slice(0, 60);
  const major = browser.version?.split(".")[0];
  return [browser.name, major, os.name ? `on ${os.name}` : ""].filter(Boolean).join(" ");
}
