/**
 * The cache handler (lib/cache/content-cache-handler.mjs) is loaded by Next outside the app's
 * bundles, so the store hands it this function on globalThis rather than through an import.
 */
export const CONTENT_CLOCK_KEY = Symbol.for('hangul-news.content-clock');

/** Returns the time (ms) before which rendered pages may be out of date. */
export type ContentClock = (now?: number) => number;
