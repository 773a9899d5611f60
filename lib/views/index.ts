import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { addressGroup, addressNetwork } from '@/lib/client-address';
import { getContentIdentity } from '@/lib/content/process-store';
import { usableSecret } from '@/lib/secrets.mjs';
import { getDataDir, getRedis } from '@/lib/site';

import { openMemoryCounter } from './memory';
import { openRedisCounter } from './redis';
import { openSqliteCounter } from './sqlite';
import type { CountRules, ViewCount, ViewCounter } from './types';

export type { CountRules, ViewCount, ViewCounter } from './types';

const MINUTE = 60_000;
/** One count per client per article per 30 minutes. */
export const DEDUPE_MS = 30 * MINUTE;
/** 많이 본 뉴스 counts the last 24 hours. */
export const WINDOW_MS = 24 * 60 * MINUTE;
/** Beacons one client may send a minute; more are refused (429) and not counted. */
export const BEACONS_PER_MINUTE = 30;
/** How often one client (an address, an IPv6 /64) is counted: per article and in all, a day. */
export const COUNT_RULES: CountRules = { dedupeMs: DEDUPE_MS, perArticle: 3, perVisitor: 100 };
/**
 * Clients this process counts for the first time in an hour, and views it counts in an hour.
 * Past either, views are not counted until the hour turns: a flood of made-up addresses (an IPv6
 * /48 holds 65,536 /64s) grows neither memory nor the store without bound.
 */
export const MAX_NEW_VISITORS_PER_HOUR = 20_000;
export const MAX_VIEWS_PER_HOUR = 100_000;
/**
 * New clients one network (an IPv4 /24, an IPv6 /48) may add in an hour: one client holding a /48
 * could otherwise fill the hour's room alone, rank its article first and leave every other reader
 * uncounted until the hour turns. A newsroom, a campus or a carrier's NAT stays well within it.
 */
export const MAX_NEW_VISITORS_PER_NETWORK_HOUR = 500;
/** Clients whose beacons this minute are remembered for the rate limit. */
export const MAX_RATE_LIMITED = 50_000;

interface ViewsState {
  counter: ViewCounter;
  secret: Buffer;
  /** The day's salt, made from the secret once a day. */
  salt?: { day: string; secret: Buffer; salt: Buffer };
  limits: Map<string, { start: number; count: number }>;
  /** When the rate limit last forgot the windows that ended (at most once a second). */
  sweptAt: number;
  /** This hour's clients and counted views (the flood guard). */
  hour: { hour: number; visitors: Set<string>; views: number; networks: Map<string, number> };
  prunedAt: number;
  failed: boolean;
}

const STATE_KEY = Symbol.for('hangul-news.views');

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The SQLite file, or, if it will not open (corrupt, unreadable), the same file anew after moving
 * the broken one aside, or memory as the last resort. Each step says so in one log line.
 */
function openCounter(dir: string): ViewCounter {
  const file = path.join(/* turbopackIgnore: true */ dir, 'views.db');
  try {
    return openSqliteCounter(file);
  } catch (error) {
    console.error(`[views] ${file}: 조회수 저장소를 열 수 없습니다: ${message(error)}`);
  }
  try {
    const aside = `${file}.broken-${Date.now()}`;
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    const counter = openSqliteCounter(file);
    console.error(`[views] 망가진 파일을 ${aside}(으)로 옮기고 새로 셉니다`);
    return counter;
  } catch (error) {
    console.error(`[views] 메모리에서 셉니다 (다시 시작하면 잊습니다): ${message(error)}`);
    return openMemoryCounter();
  }
}

/** A random secret kept beside the counts, so a restart keeps the day's salt; never sent anywhere. */
function readSecret(dir: string): Buffer {
  const file = path.join(/* turbopackIgnore: true */ dir, 'views-secret');
  try {
    const known = fs.readFileSync(file);
    if (known.length >= 32) return known;
  } catch {
    // Not there yet.
  }
  const secret = crypto.randomBytes(32);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
  } catch {
    // A read-only folder: the secret lives as long as the process.
  }
  return secret;
}

/**
 * The visitors' secret every instance of a deployment shares, derived from CACHE_SECRET (which
 * REDIS_URL requires and Redis never holds) and the content's identity.
 */
export function sharedVisitorSecret(cacheSecret: string, identity: string): Buffer {
  return crypto.createHmac('sha256', cacheSecret).update(`views visitor salt ${identity}`).digest();
}

function getState(): ViewsState {
  const holder = globalThis as Record<symbol, ViewsState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    const dir = getDataDir();
    const redis = getRedis();
    const cacheSecret = usableSecret('CACHE_SECRET');
    // Several instances count in Redis under their deployment's identity, with one secret, so a
    // visitor is one visitor on all of them and another site's counts never mix in.
    const identity = redis ? getContentIdentity() : '';
    const counter = redis ? openRedisCounter({ url: redis.url, prefix: `${redis.prefix}:${identity}` }) : openCounter(dir);
    state = {
      counter,
      secret: redis && cacheSecret ? sharedVisitorSecret(cacheSecret, identity) : readSecret(dir),
      limits: new Map(),
      sweptAt: 0,
      hour: { hour: 0, visitors: new Set(), views: 0, networks: new Map() },
      prunedAt: 0,
      failed: false,
    };
    holder[STATE_KEY] = state;
  }
  return state;
}

/** Runs a store call; a store that fails mid-run is replaced by memory, said once, never thrown. */
function guarded<T>(call: (counter: ViewCounter) => T, fallback: T): T {
  const state = getState();
  try {
    return call(state.counter);
  } catch (error) {
    if (!state.failed) console.error(`[views] 조회수 저장소 오류, 메모리로 바꿉니다: ${message(error)}`);
    state.failed = true;
    try {
      state.counter.close();
    } catch {
      // Already broken.
    }
    state.counter = openMemoryCounter();
    return fallback;
  }
}

const kstDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', dateStyle: 'short' });

/**
 * The visitor as an opaque key: an HMAC of the client's address (lib/client-address: an IPv6
 * address by its /64) under a salt that changes every day (KST), so nothing personal is kept and
 * yesterday's keys cannot be linked to today's. Nothing the client sends (its User-Agent, a made-up
 * X-Forwarded-For) makes it another visitor.
 */
export function visitorKey(address: string, now: number): string {
  const state = getState();
  const day = kstDay.format(now);
  if (state.salt?.day !== day || state.salt.secret !== state.secret) {
    state.salt = { day, secret: state.secret, salt: crypto.createHmac('sha256', state.secret).update(day).digest() };
  }
  const { salt } = state.salt;
  return crypto.createHmac('sha256', salt).update(addressGroup(address)).digest('base64url').slice(0, 22);
}

/**
 * Whether this visitor may send another beacon this minute (a fixed window). Bounded in memory:
 * when MAX_RATE_LIMITED clients are remembered, windows that ended are forgotten (a sweep at most
 * once a second), and while that frees nothing a client not yet remembered is refused.
 */
export function allowBeacon(visitor: string, now: number): boolean {
  const state = getState();
  const { limits } = state;
  const window = limits.get(visitor);
  if (!window || now - window.start >= MINUTE) {
    if (!window && limits.size >= MAX_RATE_LIMITED) {
      if (Math.abs(now - state.sweptAt) < 1000) return false;
      state.sweptAt = now;
      for (const [key, old] of limits) if (now - old.start >= MINUTE) limits.delete(key);
      if (limits.size >= MAX_RATE_LIMITED) return false;
    }
    limits.set(visitor, { start: now, count: 1 });
    return true;
  }
  window.count += 1;
  return window.count <= BEACONS_PER_MINUTE;
}

/**
 * Whether this hour still has room for this visitor's view (the flood guard), in all and in the
 * visitor's network; takes the room. The networks map grows no faster than the visitors set.
 */
function admit(state: ViewsState, visitor: string, network: string, now: number): boolean {
  const hour = Math.floor(now / (60 * MINUTE));
  if (state.hour.hour !== hour) state.hour = { hour, visitors: new Set(), views: 0, networks: new Map() };
  const room = state.hour;
  if (room.views >= MAX_VIEWS_PER_HOUR) return false;
  if (!room.visitors.has(visitor)) {
    if (room.visitors.size >= MAX_NEW_VISITORS_PER_HOUR) return false;
    const fromNetwork = room.networks.get(network) ?? 0;
    if (fromNetwork >= MAX_NEW_VISITORS_PER_NETWORK_HOUR) return false;
    room.networks.set(network, fromNetwork + 1);
    room.visitors.add(visitor);
  }
  return true;
}

/** The network `address` is in, as the flood guard counts it (kept in memory for the hour only). */
export function visitorNetwork(address: string): string {
  return addressNetwork(address);
}

/**
 * Counts a view: once per visitor and article per 30 minutes, within the daily caps
 * (COUNT_RULES) and the hourly flood guard (`network`: visitorNetwork of the client's address). Prunes old rows every ten minutes.
 */
export function recordView(
  slug: string,
  visitor: string,
  now: number = Date.now(),
  network: string = visitor,
): boolean {
  const state = getState();
  if (now - state.prunedAt > 10 * MINUTE) {
    state.prunedAt = now;
    guarded((counter) => counter.prune(now - 2 * WINDOW_MS, now - WINDOW_MS - 60 * MINUTE), undefined);
  }
  if (!admit(state, visitor, network, now)) return false;
  const counted = guarded((counter) => counter.record(slug, visitor, now, COUNT_RULES), false);
  if (counted) state.hour.views += 1;
  return counted;
}

/** How much the views keep in memory now (tests: it stays bounded under a flood). */
export function getViewsFootprint(): { rateLimited: number; visitorsThisHour: number } {
  const state = getState();
  return { rateLimited: state.limits.size, visitorsThisHour: state.hour.visitors.size };
}

/** The most-viewed slugs of the last 24 hours. */
export function topViews(limit: number, now: number = Date.now()): ViewCount[] {
  return guarded((counter) => counter.top(now - WINDOW_MS, limit), []);
}

/** Closes the store (tests; a server closes with its process). */
export function closeViews(): void {
  const holder = globalThis as Record<symbol, ViewsState | undefined>;
  holder[STATE_KEY]?.counter.close();
  delete holder[STATE_KEY];
}
