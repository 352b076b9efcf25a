/** A 7-day sparkline, drawn as SVG on the server (no chart library per row). */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const w = 70;
  const h = 18;
  const step = w / Math.max(1, values.length - 1);
  const xy = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 1 - (v / max) * (h - 2)).toFixed(1)}`);
  // The last day is today, still counting: dashed, so a quiet morning is not read as a drop.
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${label}: ${values.join(", ")} requests per day over 7 days, the last one today so far`}>
      <g fill="none" stroke="currentColor" strokeWidth="1.5" className="text-indigo-700">
        <polyline points={xy.slice(0, -1).join(" ")} />
        <polyline points={xy.slice(-2).join(" ")} strokeDasharray="2 2" />
      </g>
    </svg>
  );
}
