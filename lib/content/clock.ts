/**
 * The cache handler (lib/cache/content-cache-handler.mjs) is loaded by Next outside the app's
 * bundles, so the store hands it this function on globalThis rather than through an import.
 */
export const CONTENT_CLOCK_KEY = Symbol.for('hangul-news.content-clock');

/** What the page cache needs to know about the content now. */
export interface ContentState {
  /** The time (ms) before which rendered pages may be out of date. */
  staleBefore: number;
  /** The content's version (a commit), when the source names one: pages of another are stale. */
  version?: string;
  /**
   * Which content and site the pages are of (lib/content/identity.ts): a page rendered under
   * another identity is never served, whoever stored it.
   */
  identity: string;
}

export type ContentClock = (now?: number) => ContentState;
