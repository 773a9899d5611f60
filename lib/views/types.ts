/** One article's views in the window asked for. */
export interface ViewCount {
  slug: string;
  views: number;
}

/**
 * Where views are counted: SQLite on one machine (lib/views/sqlite.ts), memory when the file
 * cannot be used, Redis for several instances (lib/views/redis.ts). Nothing else knows which.
 */
export interface ViewCounter {
  /**
   * Counts a view of `slug` by `visitor` (an opaque, daily-salted hash) at `now`, unless the same
   * visitor was counted for the same article within `dedupeMs`. Says whether it counted.
   */
  record(slug: string, visitor: string, now: number, dedupeMs: number): boolean;
  /** The most-viewed slugs since `since`, most first, at most `limit`. */
  top(since: number, limit: number): ViewCount[];
  /** Forgets what is older than `before` (views) and the dedupe marks older than `seenBefore`. */
  prune(before: number, seenBefore: number): void;
  close(): void;
  readonly kind: 'sqlite' | 'memory' | 'redis';
}
