// Outcome labels and colours: every chart also names each outcome (never colour alone), in
// text of the page's own colour. Each fill keeps 3:1 against the card in both schemes
// (white and the dark card), the WCAG ratio for graphics.
export const OUTCOME_STYLES = [
  { key: "ok", label: "OK (2xx)", color: "#059669" },
  { key: "unauthorized", label: "401 unauthorized", color: "#d97706" },
  { key: "forbidden", label: "403 forbidden", color: "#ef4444" },
  { key: "rateLimited", label: "429 rate limited", color: "#8b5cf6" },
  { key: "other", label: "Other", color: "#64748b" },
] as const;

export interface ChartPoint {
  time: string;
  ok: number;
  unauthorized: number;
  forbidden: number;
  rateLimited: number;
  other: number;
}
