/**
 * The fields of `changes` whose value differs from `before`, as {from, to} for the audit
 * log; unset (undefined) fields are not changes. Values compare as JSON.
 */
export function changedFields<T extends object>(before: Partial<Record<keyof T, unknown>>, changes: T): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    Object.entries(changes)
      .filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof T]))
      .map(([k, v]) => [k, { from: before[k as keyof T] ?? null, to: v ?? null }]),
  );
}

/** Only the changed fields of `changes`: what is written, so a form resending a shown value never undoes a concurrent change. */
export function onlyChanged<T extends object>(changes: T, changed: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([k]) => k in changed)) as Partial<T>;
}
