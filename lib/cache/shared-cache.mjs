// The page cache several instances share, in Redis (REDIS_URL). Every call is bounded: a short
// timeout, no offline queue (a command while disconnected fails at once instead of waiting in a
// queue that grows), and a circuit breaker that stops asking a Redis that keeps failing for a few
// seconds. A failure is never an error for the reader: the caller falls back to its own cache.
import { openRedis } from '../cluster/redis.mjs';

import { decodeValue, encodeValue } from './serialize.mjs';

/** Each command's limit: a page from Redis must beat rendering it. */
const COMMAND_TIMEOUT_MS = 250;
/** Consecutive failures that open the breaker, and how long it stays open. */
const FAILURES_TO_OPEN = 3;
const OPEN_MS = 5000;
/** Entries leave Redis after a day unless rendered again: made-up keys are never stored anyway. */
const TTL_SECONDS = 24 * 60 * 60;

/**
 * @param {{ url: string, prefix: string, log?: (line: string) => void }} options
 * `prefix` must name the deployment (the build id): two builds never read each other's entries.
 */
export function openSharedCache({ url, prefix, log = (line) => console.error(line) }) {
  const client = openRedis(url, { commandTimeout: COMMAND_TIMEOUT_MS });
  let failures = 0;
  let openUntil = 0;
  let down = false;
  client.on('ready', () => {
    if (down) log('[cache] Redis에 다시 연결했습니다: 공유 캐시를 씁니다');
    down = false;
    failures = 0;
    openUntil = 0;
  });

  async function guarded(call) {
    if (client.status !== 'ready' || Date.now() < openUntil) {
      // Still making its first connection ('wait', 'connecting', 'connect'): not a failure yet.
      if (!down && ['reconnecting', 'close', 'end'].includes(client.status)) {
        down = true;
        log(`[cache] Redis를 쓸 수 없습니다 (${client.status}): 이 서버의 캐시로만 답합니다`);
      }
      return undefined;
    }
    try {
      const result = await call(client);
      failures = 0;
      return result;
    } catch (error) {
      failures += 1;
      if (failures >= FAILURES_TO_OPEN) {
        openUntil = Date.now() + OPEN_MS;
        if (!down) log(`[cache] Redis가 답하지 않습니다 (${error.message}): ${OPEN_MS / 1000}초 동안 묻지 않습니다`);
        down = true;
      }
      return undefined;
    }
  }

  const keyOf = (key) => `${prefix}:page:${key}`;

  return {
    /** The record stored under `key`, or undefined (missing, unreadable, or Redis unavailable). */
    async get(key) {
      const text = await guarded((redis) => redis.get(keyOf(key)));
      if (typeof text !== 'string') return undefined;
      try {
        return decodeValue(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    /** Stores `record` under `key`; a failure is dropped (the page is rendered again elsewhere). */
    async set(key, record) {
      await guarded((redis) => redis.set(keyOf(key), JSON.stringify(encodeValue(record)), 'EX', TTL_SECONDS));
    },
    close() {
      client.disconnect();
    },
  };
}
