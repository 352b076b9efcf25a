// The colour scheme a user chose, remembered in a cookie so the server renders it at once
// (no flash of the other scheme). "system" follows prefers-color-scheme (app/globals.css).
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "kh_theme";

export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
