import { openRedis } from '@/lib/cluster/redis.mjs';

import type { CountRules, ViewCount, ViewCounter } from './types';

const HOUR = 3_600_000;
/** Views waiting to be sent; past this a Redis that is away loses counts, never memory. */
const MAX_PENDING = 10_000;
const FLUSH_MS = 1000;
/** An hour's counts outlive the 24-hour window by a day. */
const HOUR_TTL_S = 49 * 3600;
/** A visitor's key is salted by the day: its marks are of no use after one. */
const VISITOR_TTL_S = 25 * 3600;

// Counts a view unless this visitor was counted for this article within the dedupe time or has
// reached a daily cap, in one step on the server, so two instances never both count the same view.
// One hash per visitor (t:<slug> last counted, c:<slug> counts, n all counts): its fields are
// bounded by the per-visitor cap, and the key expires with the day's salt.
const RECORD = `
local now = tonumber(ARGV[4])
local last = tonumber(redis.call('HGET', KEYS[1], 't:' .. ARGV[2]) or '0')
if last > now - tonumber(ARGV[1]) then return 0 end
local count = tonumber(redis.call('HGET', KEYS[1], 'c:' .. ARGV[2]) or '0')
if count >= tonumber(ARGV[5]) then return 0 end
local total = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if total >= tonumber(ARGV[6]) then return 0 end
redis.call('HSET', KEYS[1], 't:' .. ARGV[2], now, 'c:' .. ARGV[2], count + 1, 'n', total + 1)
redis.call('EXPIRE', KEYS[1], ARGV[7])
redis.call('ZINCRBY', KEYS[2], 1, ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * Views counted in Redis (REDIS_URL), shared by every instance. The interface is synchronous and
 * a page must never wait on Redis: a view is queued and sent within a second; the most-read list
 * is the one last fetched, kept fresh in the background every second once anyone has asked for
 * it. If Redis is away, views are dropped (at most MAX_PENDING wait) and the last list stays.
 */
export function openRedisCounter(options: {
  url: string;
  /** The deployment's own: `<REDIS_PREFIX>:<content identity>`, so two sites never mix counts. */
  prefix: string;
}): ViewCounter {
  // Counting pauses while Redis is away; the client reconnects by itself.
  const client = openRedis(options.url, { commandTimeout: 500 });
  const key = (...parts: (string | number)[]) => [options.prefix, 'views', ...parts].join(':');
  // The visitors' salt is never kept in Redis (whoever read it could test every address against
  // the visitor keys): every instance derives it from CACHE_SECRET (lib/views/index.ts). The
  // salt an earlier version stored there is removed.
  client.on('ready', () => {
    void client.del(key('secret')).catch(() => {});
  });

  let pending: { slug: string; visitor: string; now: number; rules: CountRules }[] = [];
  const flush = async () => {
    if (pending.length === 0 || client.status !== 'ready') return;
    const batch = pending;
    pending = [];
    const pipeline = client.pipeline();
    for (const view of batch) {
      const { dedupeMs, perArticle, perVisitor } = view.rules;
      pipeline.eval(
        RECORD,
        2,
        key('v', view.visitor),
        key('h', Math.floor(view.now / HOUR)),
        dedupeMs,
        view.slug,
        HOUR_TTL_S,
        view.now,
        perArticle,
        perVisitor,
        VISITOR_TTL_S,
      );
    }
    await pipeline.exec().catch(() => {});
  };
  /** The list asked for last (its window and length) and the counts last fetched for it. */
  let wanted: { windowMs: number; limit: number } | undefined;
  let list: ViewCount[] | undefined;
  let fetching = false;
  async function fetchTop(): Promise<void> {
    if (!wanted || fetching || client.status !== 'ready') return;
    const { windowMs, limit } = wanted;
    fetching = true;
    try {
      const now = Date.now();
      const hours: string[] = [];
      for (let hour = Math.floor((now - windowMs) / HOUR); hour <= Math.floor(now / HOUR); hour += 1) hours.push(key('h', hour));
      const flat = (await client.call('ZUNION', hours.length, ...hours, 'WITHSCORES')) as string[];
      const counts: ViewCount[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) counts.push({ slug: flat[i] ?? '', views: Number(flat[i + 1]) });
      counts.sort((a, b) => b.views - a.views || (a.slug < b.slug ? -1 : 1));
      list = counts.slice(0, limit);
    } catch {
      // Keep the last list.
    } finally {
      fetching = false;
    }
  }
  const timer = setInterval(() => {
    void flush();
    void fetchTop();
  }, FLUSH_MS);
  timer.unref();

  return {
    kind: 'redis',
    record(slug, visitor, now, rules) {
      if (pending.length >= MAX_PENDING) return false;
      pending.push({ slug, visitor, now, rules });
      return true;
    },
    top(since, limit) {
      const windowMs = Date.now() - since;
      if (!wanted || wanted.limit !== limit || Math.abs(wanted.windowMs - windowMs) > HOUR) {
        wanted = { windowMs, limit };
        list = undefined;
        void fetchTop();
      }
      return list?.slice(0, limit) ?? [];
    },
    prune() {
      // Each hour's counts and each visitor's marks expire in Redis by themselves.
    },
    close() {
      clearInterval(timer);
      void flush().finally(() => client.disconnect());
    },
  };
}
