// Next's bundle and server.ts load lib/ as two module instances in one process.
// State that must exist once per process (database pool, caches, limiter, usage
// buffer, event bus) is kept on globalThis so both halves share the same object.
// Each module instance remembers what it found, so the hot path skips the lookup.
const found = new Map<string, unknown>();

export function processSingleton<T>(name: string, create: () => T): T {
  const known = found.get(name);
  if (known !== undefined) return known as T;
  const key = Symbol.for(`keyhouse.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const value = (store[key] ??= create());
  found.set(name, value);
  return value;
}
