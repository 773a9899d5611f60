/** One article's views in the window asked for. */
export interface ViewCount {
  slug: string;
  views: number;
}

/** How often one visitor may be counted (lib/views/index.ts names the numbers). */
export interface CountRules {
  /** The same visitor and article count once within this time. */
  dedupeMs: number;
  /** Counts of one article by one visitor in a day. */
  perArticle: number;
  /** Counts by one visitor in a day, all articles together. */
  perVisitor: number;
}

/**
 * Where views are counted: SQLite on one machine (lib/views/sqlite.ts), memory when the file
 * cannot be used, Redis for several instances (lib/views/redis.ts). Nothing else knows which.
 */
export interface ViewCounter {
  /**
   * Counts a view of `slug` by `visitor` (an opaque, daily-salted hash) at `now`, unless the same
   * visitor was counted for the same article within `rules.dedupeMs`, or has reached a daily cap.
   * Says whether it counted (Redis: whether it was queued).
   */
  record(slug: string, visitor: string, now: number, rules: CountRules): boolean;
  /** The most-viewed slugs since `since`, most first, at most `limit`. */
  top(since: number, limit: number): ViewCount[];
  /** Forgets what is older than `before` (views) and the visitors' marks older than `seenBefore`. */
  prune(before: number, seenBefore: number): void;
  close(): void;
  readonly kind: 'sqlite' | 'memory' | 'redis';
}
