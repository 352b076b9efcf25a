import { OUTCOME_STYLES, type ChartPoint } from "./outcomes";

/** The chart's numbers as a table (buckets with traffic, and the total). */
export function UsageTable({ points, caption }: { points: ChartPoint[]; caption: string }) {
  const rows = points.filter((p) => OUTCOME_STYLES.some((o) => p[o.key] > 0));
  const sum = (k: (typeof OUTCOME_STYLES)[number]["key"]) => points.reduce((n, p) => n + p[k], 0);
  const total = (p: Pick<ChartPoint, (typeof OUTCOME_STYLES)[number]["key"]>) => OUTCOME_STYLES.reduce((n, o) => n + p[o.key], 0);
  const totals = { ok: sum("ok"), unauthorized: sum("unauthorized"), forbidden: sum("forbidden"), rateLimited: sum("rateLimited"), other: sum("other") };
  return (
    <div tabIndex={0} role="region" aria-label={caption} className="relative max-h-[28rem] overflow-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-zinc-50 text-left text-zinc-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Time (UTC)
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Requests
            </th>
            {OUTCOME_STYLES.map((o) => (
              <th key={o.key} scope="col" className="px-3 py-2 text-right font-medium">
                {o.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((p) => (
            <tr key={p.time}>
              <td className="whitespace-nowrap px-3 py-1.5">{p.time.slice(0, 16).replace("T", " ")}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{total(p)}</td>
              {OUTCOME_STYLES.map((o) => (
                <td key={o.key} className="px-3 py-1.5 text-right tabular-nums">
                  {p[o.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot className="sticky bottom-0 border-t border-zinc-200 bg-white font-medium">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              Total
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{total(totals)}</td>
            {OUTCOME_STYLES.map((o) => (
              <td key={o.key} className="px-3 py-2 text-right tabular-nums">
                {totals[o.key]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
