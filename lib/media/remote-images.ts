/**
 * Remembers what became of each remote image content names, so each URL is fetched at most once
 * per process: an import hands its bytes to the photo pipeline; a failure is remembered for a while
 * and said once in the log, and the page keeps the remote URL. The table is bounded, so made-up
 * URLs in content cannot grow memory, and imports run two at a time off the request path.
 */
import { getRemoteImagesSetting } from '@/lib/site';

import { getPhotoLibrary } from './photo-library';
import { publishPhoto } from './publish-photo';
import { importRemoteImage, type RemoteImportResult } from './remote-import';
import type { PhotoManifest } from './variant-store';
import { createWorkQueue } from './work-queue';

/** What a page should do with one remote image now. */
export type RemoteImageState<T> =
  /** `REMOTE_IMAGES` is not `import`: hotlink it (no referrer, lazy). */
  | { state: 'off' }
  /** Being imported, or waiting its turn: hotlink it for now. */
  | { state: 'pending' }
  | { state: 'imported'; value: T; finalUrl: string }
  /** Refused or failed (said once in the log): hotlink it. */
  | { state: 'failed'; message: string };

export type PublishOutcome<T> =
  | { ok: true; value: T }
  /** `retryLater`: the pipeline was busy or the disk failed; the image itself may be fine. */
  | { ok: false; message: string; retryLater?: boolean };

export interface RemoteImagesOptions<T> {
  enabled: boolean;
  /** Turns fetched bytes into what pages use (the photo pipeline in production). */
  publish: (bytes: Buffer, finalUrl: string) => Promise<PublishOutcome<T>>;
  fetchImage?: (url: string) => Promise<RemoteImportResult>;
  /** URLs remembered at most; imports are kept, the oldest failures make room. */
  maxEntries?: number;
  /** How long a failure is remembered before the URL is tried again. */
  failureTtlMs?: number;
  /** How long a `retryLater` failure of the pipeline is remembered. */
  retryLaterMs?: number;
  concurrency?: number;
  /** Imports waiting for their turn; past this a URL is simply asked about again later. */
  maxWaiting?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface RemoteImages<T> {
  /** What is known about `url` now, starting its import if nothing is. Never waits. */
  get(url: string): RemoteImageState<T>;
  /** The same, waiting until the import is done, its turn included (the content check, tests). */
  settle(url: string): Promise<RemoteImageState<T>>;
  /** URLs remembered now. */
  size(): number;
}

/** Longer URLs are not remembered or fetched (a data URI pasted as a link, a made-up monster). */
export const MAX_REMOTE_URL_LENGTH = 2048;

type Entry<T> =
  | { state: 'pending'; promise: Promise<void>; said?: string }
  | { state: 'imported'; value: T; finalUrl: string }
  | { state: 'failed'; message: string; until: number; said?: string };

function toKey(url: string): string | undefined {
  if (url.length > MAX_REMOTE_URL_LENGTH) return undefined;
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

function view<T>(entry: Entry<T>): RemoteImageState<T> {
  if (entry.state === 'pending') return { state: 'pending' };
  if (entry.state === 'imported')
    return { state: 'imported', value: entry.value, finalUrl: entry.finalUrl };
  return { state: 'failed', message: entry.message };
}

/** A remembering importer of remote images; see `getRemoteImage` for the process's own. */
export function createRemoteImages<T>({
  enabled,
  publish,
  fetchImage = (url) => importRemoteImage(url),
  maxEntries = 4096,
  failureTtlMs = 60 * 60 * 1000,
  retryLaterMs = 60 * 1000,
  concurrency = 2,
  maxWaiting = 64,
  log = console.warn,
  now = Date.now,
}: RemoteImagesOptions<T>): RemoteImages<T> {
  const entries = new Map<string, Entry<T>>();
  const queue = createWorkQueue<void>({ concurrency, maxWaiting });
  let saidFull = false;

  function fail(key: string, message: string, ttl: number, said: string | undefined): void {
    if (said !== message) log(`[remote-images] ${key}: ${message} — 원격 주소를 그대로 씁니다`);
    entries.set(key, { state: 'failed', message, until: now() + ttl, said: message });
  }

  async function run(key: string, said: string | undefined): Promise<void> {
    let fetched: RemoteImportResult;
    let published: PublishOutcome<T>;
    try {
      fetched = await fetchImage(key);
      if (!fetched.ok) return fail(key, fetched.message, failureTtlMs, said);
      published = await publish(fetched.bytes, fetched.finalUrl);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail(key, `가져오는 중 오류: ${detail}`, failureTtlMs, said);
    }
    if (!published.ok) {
      return fail(key, published.message, published.retryLater ? retryLaterMs : failureTtlMs, said);
    }
    entries.set(key, { state: 'imported', value: published.value, finalUrl: fetched.finalUrl });
  }

  /** Room for one more entry: expired failures go first, then the oldest failure. */
  function makeRoom(): boolean {
    if (entries.size < maxEntries) return true;
    const time = now();
    let oldestFailure: string | undefined;
    for (const [key, entry] of entries) {
      if (entry.state !== 'failed') continue;
      if (entry.until <= time) entries.delete(key);
      else oldestFailure ??= key;
    }
    if (entries.size >= maxEntries && oldestFailure !== undefined) entries.delete(oldestFailure);
    return entries.size < maxEntries;
  }

  function start(key: string, said: string | undefined): RemoteImageState<T> {
    if (!makeRoom()) {
      const message = `원격 사진 ${maxEntries}개를 이미 기억하고 있어 더 가져오지 않습니다`;
      if (!saidFull) log(`[remote-images] ${message} — 원격 주소를 그대로 씁니다`);
      saidFull = true;
      return { state: 'failed', message };
    }
    const promise = queue.enqueue(key, () => run(key, said));
    if (!promise) return { state: 'pending' };
    entries.set(key, { state: 'pending', promise, said });
    return { state: 'pending' };
  }

  function get(url: string): RemoteImageState<T> {
    if (!enabled) return { state: 'off' };
    const key = toKey(url);
    if (!key)
      return {
        state: 'failed',
        message: `주소가 잘못되었거나 ${MAX_REMOTE_URL_LENGTH}자를 넘습니다`,
      };
    const entry = entries.get(key);
    if (!entry) return start(key, undefined);
    if (entry.state === 'failed' && entry.until <= now()) {
      entries.delete(key);
      return start(key, entry.said);
    }
    return view(entry);
  }

  return {
    get,
    async settle(url) {
      for (;;) {
        const state = get(url);
        if (state.state !== 'pending') return state;
        const key = toKey(url);
        const entry = key ? entries.get(key) : undefined;
        // Not remembered means the queue was full: wait for it to drain, then ask again.
        await (entry?.state === 'pending' ? entry.promise : queue.idle());
      }
    },
    size: () => entries.size,
  };
}

const PROCESS_KEY = Symbol.for('hangul-news.remote-images');
const UPGRADED_KEY = Symbol.for('hangul-news.remote-images-upgraded');
/**
 * Imported photos' manifests once their later variants are made, by hash: no more entries than
 * imports, which the table bounds. On globalThis, like the table, for every route bundle's copy.
 */
const upgraded = ((globalThis as Record<symbol, Map<string, PhotoManifest> | undefined>)[UPGRADED_KEY] ??=
  new Map<string, PhotoManifest>());

function processRemoteImages(): RemoteImages<PhotoManifest> {
  const slot = globalThis as Record<symbol, RemoteImages<PhotoManifest> | undefined>;
  return (slot[PROCESS_KEY] ??= (() => {
    const setting = getRemoteImagesSetting();
    return createRemoteImages<PhotoManifest>({
      enabled: setting.import,
      fetchImage: (url) => importRemoteImage(url, { allowHosts: setting.testAllowHosts }),
      publish: async (bytes) => {
        const published = await publishPhoto(bytes, {
          // Its AVIFs and crops come in a second job: pages take the fuller manifest when it lands.
          onUpgrade: (manifest) => {
            upgraded.set(manifest.hash, manifest);
            getPhotoLibrary().noteChange();
          },
        });
        // Pages rendered while it was pending show the remote URL: once the import is recorded
        // (after this resolves), they are stale like pages whose content photo was just made.
        if (published.ok) setImmediate(() => getPhotoLibrary().noteChange());
        return published.ok ? { ok: true, value: published.manifest } : published;
      },
    });
  })());
}

/**
 * The photo made from a remote `https://` image content names, under `REMOTE_IMAGES`: `imported`
 * with its manifest once it is, otherwise `off`, `pending` or `failed`, when the page keeps the
 * remote URL. Starts the import the first time a URL is asked about; never waits.
 */
export function getRemoteImage(url: string): RemoteImageState<PhotoManifest> {
  const known = processRemoteImages().get(url);
  if (known.state !== 'imported') return known;
  const fuller = upgraded.get(known.value.hash);
  return fuller ? { ...known, value: fuller } : known;
}

/** `getRemoteImage`, waiting for an import under way (the content check; never a request). */
export function settleRemoteImage(url: string): Promise<RemoteImageState<PhotoManifest>> {
  return processRemoteImages().settle(url);
}
