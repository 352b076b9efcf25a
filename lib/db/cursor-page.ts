/**
 * Cursor pagination over rows ordered newest first, `id` breaking ties. The cursor is the
 * last id of the previous page and must belong to the caller's own rows (`cursorInScope`):
 * another organization's id answers exactly like an unknown one (an empty page) instead of
 * paging from its position.
 */
export async function cursorPage<T extends { id: string }>(options: {
  limit: number;
  cursor?: string;
  cursorInScope: (id: string) => Promise<boolean>;
  fetch: (args: { take: number; cursor?: { id: string }; skip?: number }) => Promise<T[]>;
}): Promise<{ page: T[]; nextCursor: string | null }> {
  const { limit, cursor } = options;
  if (cursor && !(await options.cursorInScope(cursor))) return { page: [], nextCursor: null };
  const rows = await options.fetch({ take: limit + 1, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
