/**
 * The URL paths of the site's own API, which client components fetch. Apart from lib/paths.ts
 * (which re-exports them) so that a client leaf pulls in nothing else.
 */

/** Every API route lives under this prefix (robots.txt keeps crawlers out of it). */
export const API_PREFIX = '/api/';

/** The breaking-news strip's current items. */
export const BREAKING_API_PATH = '/api/breaking';

/** What the server has read so far (content and search), for operators: `{ reading, articles, searchCaughtUp }`. */
export const STATUS_API_PATH = '/api/status';

/** Where an article page counts its view (POST, the slug as body). */
export const VIEWS_API_PATH = '/api/views';

/** The version of an article's live coverage, which an open live page polls. */
export function liveApiPath(slug: string): string {
  // No toWellFormed() here (older browsers lack it): a slug the server gave holds no lone surrogate.
  return `/api/live/${encodeURIComponent(slug)}`;
}
