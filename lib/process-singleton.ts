// Next's bundle and server.ts load lib/ as two module instances in one process.
// State that must exist once per process (database pool, caches, limiter, usage
// buffer, event bus) is kept on globalThis so both halves share the same object.
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`keyhouse.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= create());
}
