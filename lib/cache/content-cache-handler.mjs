// Next's own file-system cache for rendered pages, with one addition: an entry rendered before
// the content last changed (a file added, edited, renamed or deleted, or a scheduled article's
// time or a breaking item's end passing) is expired, so the next request renders it afresh and
// waits for that render instead of being served the stale copy. The content store publishes the
// moment on globalThis (lib/content/clock.ts), since this module is loaded outside the app bundle.
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const CONTENT_CLOCK_KEY = Symbol.for('hangul-news.content-clock');

export default class ContentCacheHandler extends FileSystemCache {
  async get(...args) {
    const entry = await super.get(...args);
    const staleBefore = globalThis[CONTENT_CLOCK_KEY];
    if (!entry || typeof staleBefore !== 'function') return entry;
    // lastModified -1 tells Next the entry is expired: render before responding, no stale copy.
    return entry.lastModified < staleBefore() ? { ...entry, lastModified: -1 } : entry;
  }
}
