/** A 7-day sparkline, drawn as SVG on the server (no chart library per row). */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 70;
  const h = 18;
  const step = w / Math.max(1, values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 1 - (v / max) * (h - 2)).toFixed(1)}`).join(" ");
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${label}: ${values.join(", ")} requests per day over 7 days`}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" className="text-indigo-700" />
    </svg>
  );
}
