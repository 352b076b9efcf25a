import { CARD_BODY, CARD_CELL, CARD_HEAD, CARD_ROW, CARD_TABLE } from "./table-cards";

/** A small read-only table: a header row and cells; an empty header labels an actions column. Cards on a phone. */
export function SimpleTable({ label, head, rows }: { label: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <div tabIndex={0} role="region" aria-label={label} className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className={`w-full text-sm ${CARD_TABLE}`}>
        <thead className={`bg-zinc-50 text-left text-zinc-600 ${CARD_HEAD}`}>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-3 py-2 font-medium">
                {h || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={CARD_BODY}>
          {rows.map((cells, r) => (
            <tr key={r} className={`border-t border-zinc-100 ${CARD_ROW}`}>
              {cells.map((c, i) => (
                <td key={i} data-label={head[i] || undefined} className={`px-3 py-2 whitespace-nowrap ${CARD_CELL}`}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
