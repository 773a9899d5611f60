// Next's own file-system cache for rendered pages, with one addition: an entry rendered before
// the content last changed (a file added, edited, renamed or deleted, or a scheduled article's
// time or a breaking item's end passing) is expired, so the next request renders it afresh and
// waits for that render instead of being served the stale copy. The content store publishes the
// moment on globalThis (lib/content/clock.ts), since this module is loaded outside the app bundle.
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const CONTENT_CLOCK_KEY = Symbol.for('hangul-news.content-clock');

// Next stamps an entry when its render ends, but the render read the content when it began: a
// render that straddles a change would pass for fresh. Every render follows a lookup of its key
// that told Next to render, so the first such lookup not yet followed by a write is a safe (early)
// stand-in for when it began. Lookups that serve a fresh entry start nothing and are not counted:
// counting them would date the next render to long before it began, and render it twice.
const lookedUpAt = new Map();
const renderedAt = new Map();

// Entries prerendered by `next build` carry no revalidate time of their own (Next keeps it in its
// manifest): assume the shortest any route exports (`export const revalidate = 10`).
const SHORTEST_REVALIDATE_S = 10;

/** Whether Next renders after this lookup: nothing cached, expired by us, or past its revalidate time. */
function startsRender(entry, now) {
  if (!entry || entry.lastModified === -1) return true;
  const revalidate = entry.cacheControl?.revalidate ?? SHORTEST_REVALIDATE_S;
  return typeof revalidate !== 'number' || entry.lastModified + revalidate * 1000 <= now;
}

/** Whether a rendered entry may be stored: a success, at a canonical (NFC) key. */
function isStorable(key, data) {
  const status = data?.status;
  if (typeof status === 'number' && status !== 200) return false;
  let decoded;
  try {
    decoded = decodeURIComponent(key);
  } catch {
    return false;
  }
  return decoded === decoded.normalize('NFC');
}

export default class ContentCacheHandler extends FileSystemCache {
  async get(key, ...rest) {
    const lookedUp = Date.now();
    let entry = await super.get(key, ...rest);
    const staleBefore = globalThis[CONTENT_CLOCK_KEY];
    if (entry && typeof staleBefore === 'function') {
      const rendered = Math.min(entry.lastModified, renderedAt.get(key) ?? entry.lastModified);
      // lastModified -1 tells Next the entry is expired: render before responding, no stale copy.
      if (rendered < staleBefore()) entry = { ...entry, lastModified: -1 };
    }
    if (!lookedUpAt.has(key) && startsRender(entry, lookedUp)) {
      // Renders that never end in a write (errors) must not grow this map without bound.
      if (lookedUpAt.size >= 10_000) lookedUpAt.clear();
      lookedUpAt.set(key, lookedUp);
    }
    return entry;
  }

  async set(key, data, ...rest) {
    const lookedUp = lookedUpAt.get(key);
    lookedUpAt.delete(key);
    // Not-found pages and redirects are cheap to render and unbounded in number (any URL can ask
    // for one), and so are other spellings of a Hangul URL (NFD): storing each would let anyone
    // fill the disk with made-up URLs. Only the canonical URL of something that exists is kept.
    if (!isStorable(key, data)) return;
    renderedAt.set(key, lookedUp ?? Date.now());
    return super.set(key, data, ...rest);
  }
}
