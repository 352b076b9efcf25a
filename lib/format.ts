// Deterministic (UTC) so server and browser render the same text.
export function formatDateTime(value: Date | string | null | undefined, empty = "—"): string {
  if (!value) return empty;
  const d = typeof value === "string" ? new Date(value) : value;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(value: Date | string | null | undefined, empty = "—"): string {
  if (!value) return empty;
  return (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
}
