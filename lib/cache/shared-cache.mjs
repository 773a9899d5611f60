// The page cache several instances share, in Redis (REDIS_URL). Every call is bounded: a short
// timeout, no offline queue (a command while disconnected fails at once instead of waiting in a
// queue that grows), and a circuit breaker that stops asking a Redis that keeps failing for a few
// seconds. A failure is never an error for the reader: the caller falls back to its own cache.
// Every record is signed with a secret Redis never sees (lib/cache/serialize.mjs): one that fails
// the check is a miss, as if it were not there.
import { openRedis } from '../cluster/redis.mjs';

import { openRecord, sealRecord } from './serialize.mjs';

/** Each command's limit: a page from Redis must beat rendering it. */
const COMMAND_TIMEOUT_MS = 250;
/** Consecutive failures that open the breaker, and how long it stays open. */
const FAILURES_TO_OPEN = 3;
const OPEN_MS = 5000;
/** Entries leave Redis after a day unless rendered again: made-up keys are never stored anyway. */
const TTL_SECONDS = 24 * 60 * 60;
/**
 * The largest record read or written. A page with its RSC payload is a few hundred KB; whoever
 * can write to Redis could store hundreds of MB under a page's key, and reading that (downloaded,
 * parsed, hashed) would hold this process for seconds: such a record is measured in Redis and
 * never fetched.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** GET, unless the value is longer than ARGV[1]: then its length, a number, instead. */
const GET_BOUNDED = `local n = redis.call('STRLEN', KEYS[1])
if n > tonumber(ARGV[1]) then return n end
return redis.call('GET', KEYS[1])`;
/** Refused records are logged once a minute at most, with how many there were since. */
const REFUSED_LOG_MS = 60_000;

/**
 * @param {{ url: string, prefix: string, secret: string, log?: (line: string) => void }} options
 * `prefix` must name the deployment (the build id): two builds never read each other's entries.
 * `secret` (CACHE_SECRET) signs every record; one signed with another, or changed, is a miss.
 */
export function openSharedCache({ url, prefix, secret, log = (line) => console.error(line) }) {
  if (!secret) throw new Error('openSharedCache: no secret to sign records with');
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

  // Someone who can write to Redis may change many records: one line, then one a minute at most.
  let refused = 0;
  let refusedLoggedAt = -Infinity;
  function refuse(redisKey, problem) {
    refused += 1;
    const now = Date.now();
    if (now - refusedLoggedAt < REFUSED_LOG_MS) return;
    log(`[cache] Redis의 항목을 쓰지 않습니다 (${problem}: ${redisKey}; 지난 알림 뒤로 ${refused}개): 이 서버에서 새로 그립니다`);
    refused = 0;
    refusedLoggedAt = now;
  }

  const keyOf = (key) => `${prefix}:page:${key}`;

  return {
    /**
     * The record stored under `key`, or undefined: missing, Redis unavailable, or not a record
     * this secret signed for this key (changed, moved from another key, or not ours at all).
     */
    async get(key) {
      const redisKey = keyOf(key);
      const text = await guarded((redis) => redis.eval(GET_BOUNDED, 1, redisKey, MAX_RECORD_BYTES));
      if (typeof text === 'number') {
        refuse(redisKey, `${MAX_RECORD_BYTES}바이트보다 큰 항목(${text}바이트)`);
        return undefined;
      }
      if (typeof text !== 'string') return undefined;
      const opened = openRecord(text, redisKey, secret);
      if (opened.problem) refuse(redisKey, opened.problem);
      return opened.record;
    },
    /** Stores `record` under `key`; a failure is dropped (the page is rendered again elsewhere). */
    async set(key, record) {
      const redisKey = keyOf(key);
      const sealed = sealRecord(record, redisKey, secret);
      // Too large to share is rendered again where needed; it stays in this server's own cache.
      if (Buffer.byteLength(sealed) > MAX_RECORD_BYTES) return;
      await guarded((redis) => redis.set(redisKey, sealed, 'EX', TTL_SECONDS));
    },
    close() {
      client.disconnect();
    },
  };
}
