// Next's own file-system cache for rendered pages, with two additions.
//
// Freshness: an entry rendered before the content last changed (a file added, edited, renamed or
// deleted, or a scheduled article's time or a breaking item's end passing) or from another content
// version (with content from git: another commit) is expired, so the next request renders it
// afresh and waits for that render instead of being served the stale copy. The content store
// publishes what it knows on globalThis (lib/content/clock.ts), since this module is loaded
// outside the app bundle.
//
// Sharing: with REDIS_URL, rendered entries are also stored in Redis (lib/cache/shared-cache.mjs)
// under the build's id and the content's identity (which content, which site: another deployment
// of the same build on the same Redis never meets them), signed with CACHE_SECRET, so a page one
// instance rendered is a hit on the others. The local cache stays first and is the fallback when
// Redis is down or slow.
import fs from 'node:fs';
import path from 'node:path';

import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

import { redisConfig } from '../cluster/redis.mjs';
import { readSecret } from '../secrets.mjs';

import { SHARED_KINDS } from './serialize.mjs';
import { openSharedCache } from './shared-cache.mjs';

const FileSystemCache = fileSystemCache.default ?? fileSystemCache;
const CONTENT_CLOCK_KEY = Symbol.for('hangul-news.content-clock');
const SHARED_KEY = Symbol.for('hangul-news.shared-page-cache');

// Next stamps an entry when its render ends, but the render read the content when it began: a
// render that straddles a change would pass for fresh. Every render follows a lookup of its key
// that told Next to render, so the first such lookup not yet followed by a write is a safe (early)
// stand-in for when it began, and the content version at that lookup is the one the render read.
// Lookups that serve a fresh entry start nothing and are not counted: counting them would date
// the next render to long before it began, and render it twice.
const lookedUpAt = new Map();
/** For entries this process wrote to its local cache: when their render began, and from what. */
const renderedAt = new Map();
const renderedFrom = new Map();

// Entries prerendered by `next build` carry no revalidate time of their own (Next keeps it in its
// manifest): assume the shortest any route exports (`export const revalidate = 10`; a test holds
// every route to this number).
export const SHORTEST_REVALIDATE_S = 10;

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

/** What the content store says now, or nothing (the store is not loaded in this process). */
function contentState() {
  const clock = globalThis[CONTENT_CLOCK_KEY];
  return typeof clock === 'function' ? clock() : undefined;
}

/** Whether a render that began at `rendered`, from content `version`, is still current. */
function isCurrent(state, rendered, version) {
  if (!state) return true;
  if (rendered < state.staleBefore) return false;
  return state.version === undefined || version === state.version;
}

/** The build's id: entries of two builds must never meet in a shared cache. */
function deploymentId(serverDistDir) {
  if (process.env.NEXT_DEPLOYMENT_ID) return process.env.NEXT_DEPLOYMENT_ID;
  try {
    return fs.readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'unknown-build';
  }
}

/** The signing secret, or undefined: the server refuses to start without one (instrumentation.ts). */
function cacheSecret() {
  try {
    const secret = readSecret('CACHE_SECRET');
    if (secret) return secret;
    console.error('[cache] CACHE_SECRET가 없습니다: Redis의 공유 캐시를 쓰지 않습니다');
  } catch (error) {
    console.error(`[cache] ${error.message}: Redis의 공유 캐시를 쓰지 않습니다`);
  }
  return undefined;
}

/** One Redis connection a process, whichever route bundle's copy of this handler asks. */
function sharedCache(serverDistDir) {
  const redis = redisConfig();
  if (!redis || process.env.NEXT_PHASE === 'phase-production-build') return undefined;
  const holder = globalThis;
  if (holder[SHARED_KEY] === undefined) {
    const secret = cacheSecret();
    // null: decided once a process that there is none, so the line above is logged once.
    holder[SHARED_KEY] = secret
      ? openSharedCache({
          url: redis.url,
          prefix: `${redis.prefix}:${deploymentId(serverDistDir)}`,
          secret,
        })
      : null;
  }
  return holder[SHARED_KEY] ?? undefined;
}

/** Where the entry for `key` lives in Redis: under the content's identity, which the store names. */
function sharedKey(state, key) {
  return state?.identity ? `${state.identity}:${key}` : undefined;
}

export default class ContentCacheHandler extends FileSystemCache {
  constructor(ctx) {
    const shared = sharedCache(ctx.serverDistDir);
    // Shared: no page copy in this process's memory (Next's own LRU) may outlive what Redis and
    // the content version say. Decided here, at run time, whatever the build's cacheMaxMemorySize.
    super(shared ? { ...ctx, maxMemoryCacheSize: 0 } : ctx);
    this.shared = shared;
  }

  async get(key, ...rest) {
    const lookedUp = Date.now();
    let entry = await super.get(key, ...rest);
    // Asked after the (asynchronous) read, not before: a change that arrived during it counts.
    const state = contentState();
    if (entry) {
      const rendered = Math.min(entry.lastModified, renderedAt.get(key) ?? entry.lastModified);
      // lastModified -1 tells Next the entry is expired: render before responding, no stale copy.
      if (!isCurrent(state, rendered, renderedFrom.get(key)))
        entry = { ...entry, lastModified: -1 };
    }
    const inShared = this.shared && sharedKey(state, key);
    if ((!entry || entry.lastModified === -1) && inShared) {
      const record = await this.shared.get(inShared);
      if (record?.entry && isCurrent(state, record.renderedAt, record.version))
        entry = record.entry;
    }
    if (!lookedUpAt.has(key) && startsRender(entry, lookedUp)) {
      // Renders that never end in a write (errors) must not grow this map without bound.
      if (lookedUpAt.size >= 10_000) lookedUpAt.clear();
      lookedUpAt.set(key, { at: lookedUp, version: state?.version });
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
    const began = lookedUp?.at ?? Date.now();
    const version = lookedUp ? lookedUp.version : contentState()?.version;
    renderedAt.set(key, began);
    renderedFrom.set(key, version);
    await super.set(key, data, ...rest);
    const inShared = this.shared && sharedKey(contentState(), key);
    if (inShared && SHARED_KINDS.has(data?.kind)) {
      const ctx = rest[0];
      const cacheControl = ctx?.fetchCache ? undefined : ctx?.cacheControl;
      await this.shared.set(inShared, {
        renderedAt: began,
        version,
        entry: { lastModified: Date.now(), cacheControl, value: data },
      });
    }
  }
}
