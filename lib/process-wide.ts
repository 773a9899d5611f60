/**
 * One value for the whole server process, made on first use and kept on `globalThis` under
 * `Symbol.for(name)`. Next bundles a module into more than one chunk (pages', route handlers',
 * instrumentation's), and a module variable would be one value per chunk: two pools of threads,
 * or a search index listening to a read pool that never reads.
 */
export function processWide<T>(name: string, make: () => T): T {
  const holder = globalThis as Record<symbol, T | undefined>;
  const key = Symbol.for(name);
  return (holder[key] ??= make());
}
