// Outcome labels and colours: every chart also names each outcome (never colour alone).
export const OUTCOME_STYLES = [
  { key: "ok", label: "OK (2xx)", color: "#16a34a" },
  { key: "unauthorized", label: "401 unauthorized", color: "#f59e0b" },
  { key: "forbidden", label: "403 forbidden", color: "#dc2626" },
  { key: "rateLimited", label: "429 rate limited", color: "#7c3aed" },
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
