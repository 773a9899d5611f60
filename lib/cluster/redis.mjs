// Redis for several instances: where it is (REDIS_URL, REDIS_PREFIX) and how every client of ours
// talks to it. Plain JavaScript, because the page cache handler (loaded by Next outside the app
// bundle) uses it as well as the app.
import Redis from 'ioredis';

/**
 * Redis shared by several instances, or undefined: one machine needs none. Keys start with
 * `REDIS_PREFIX` (default `hangul-news`), so sites may share one Redis.
 * @returns {{ url: string, prefix: string } | undefined}
 */
export function redisConfig() {
  const url = process.env.REDIS_URL?.trim();
  if (!url) return undefined;
  return { url, prefix: process.env.REDIS_PREFIX?.trim() || 'hangul-news' };
}

/**
 * A client whose every command is bounded: it fails at once while disconnected (no offline queue
 * that grows) or after `commandTimeout` ms, and never retries a command; the connection itself
 * is retried every 0.2–2 s for as long as the process lives. Errors are the caller's to report
 * (an `error` listener is attached, so none is ever thrown unhandled).
 * @param {string} url
 * @param {{ commandTimeout?: number, offlineQueue?: boolean }} [options] `offlineQueue` only for
 *   a subscriber, whose SUBSCRIBE must wait for the first connection.
 */
export function openRedis(url, { commandTimeout, offlineQueue = false } = {}) {
  const client = new Redis(url, {
    enableOfflineQueue: offlineQueue,
    maxRetriesPerRequest: 0,
    commandTimeout,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  client.on('error', () => {});
  return client;
}
