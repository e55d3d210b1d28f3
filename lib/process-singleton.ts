/**
 * One instance per process. The custom server (server.ts) and Next's bundled route
 * handlers load separate copies of our modules in the same process; keeping shared
 * objects (database client, tus locker, job scheduler) on globalThis gives both the same one.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const symbol = Symbol.for(`upstream.${key}`);
  return (store[symbol] ??= create());
}
