/**
 * The photos of the content folder and what became of each: waiting for its variants, ready
 * (its manifest), or refused (the editor's message). The content store hands it the photo files
 * of each snapshot; it makes their variants one at a time through the bounded photo queue, never
 * on a request's turn, and says when a page may now show another picture.
 */
import { createHash } from 'node:crypto';

import type { PhotoFile } from '@/lib/content/types';

import { publishPhoto, type PublishResult } from './publish-photo';
import { getVariantStore, type PhotoManifest } from './variant-store';

export type PhotoState =
  | { status: 'waiting' }
  | { status: 'ready'; manifest: PhotoManifest }
  | { status: 'refused'; message: string };

export interface PhotoLibrary {
  /** Follows these files: new or changed ones are made, gone ones forgotten. */
  sync(files: ReadonlyMap<string, PhotoFile>): void;
  /** What became of the photo at this content path; undefined when there is no such file. */
  get(path: string): PhotoState | undefined;
  /** Changes whenever any photo's state does: pages rendered under another version are stale. */
  version(): string;
  /** When a photo's state last changed (ms), 0 before any. */
  changedAt(): number;
  /** Resolves when every known photo has been made or refused (tests, the content check). */
  idle(): Promise<void>;
  /** Another image pages show changed (a remote image imported): pages rendered before are stale. */
  noteChange(): void;
}

export interface PhotoLibraryOptions {
  /** Makes a photo's variants; `onUpgrade` hears of the ones made later (its AVIFs). */
  publish?: (absolute: string, onUpgrade: (manifest: PhotoManifest) => void) => Promise<PublishResult>;
  /** One line per refusal or failure, once per file version. */
  log?: (line: string) => void;
  /** A photo the disk or a full queue could not take is tried again after this long. */
  retryMs?: number;
  /** Removes a photo's variants from the store: a deleted or replaced photo is unpublished. */
  unpublish?: (hash: string) => Promise<void>;
}

interface Entry {
  file: PhotoFile;
  state: PhotoState;
  /** The file version (`size:mtime`) being or last made; equal to the file's when nothing is due. */
  made?: string;
  retryTimer?: NodeJS.Timeout;
  /** Failed tries in a row that may succeed later (a full queue, a disk that refused the write). */
  failures: number;
}

const RETRY_MS = 30_000;
/** A failing disk is tried less and less often, up to once an hour: each try makes the variants again. */
const MAX_RETRY_MS = 60 * 60 * 1000;

function identity(file: PhotoFile): string {
  return `${file.size}:${file.mtimeMs}`;
}

/** A library that makes variants with `publish` (the process's photo queue and store by default). */
export function openPhotoLibrary({
  publish = (absolute, onUpgrade) => publishPhoto(absolute, { onUpgrade }),
  log = (line) => console.error(`[content] ${line}`),
  retryMs = RETRY_MS,
  unpublish = (hash) => getVariantStore().remove(hash),
}: PhotoLibraryOptions = {}): PhotoLibrary {
  const entries = new Map<string, Entry>();
  /** Paths waiting to be made, in order (a set: thousands dropped at once cost no more each). */
  const due = new Set<string>();
  let running = false;
  let lastChange = 0;
  let cachedVersion: string | undefined;
  let idleWaiters: (() => void)[] = [];

  /** Changes noted from outside (remote imports), part of the version. */
  let noted = 0;

  function changed(): void {
    lastChange = Date.now();
    cachedVersion = undefined;
  }

  /**
   * A photo deleted, or replaced by other bytes, leaves the site: its variants are removed unless
   * another file is the same photo. Pages stop naming it first (they are stale from this change).
   */
  function retire(hash: string | undefined): void {
    if (hash === undefined) return;
    for (const entry of entries.values()) {
      if (entry.state.status === 'ready' && entry.state.manifest.hash === hash) return;
    }
    unpublish(hash).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      log(`지운 사진의 변환본을 지울 수 없습니다 (${hash}): ${detail}`);
    });
  }

  function settleIdle(): void {
    if (running || due.size > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  }

  function apply(entry: Entry, version: string, result: PublishResult): void {
    if (result.ok) {
      entry.failures = 0;
      const before = entry.state;
      entry.state = { status: 'ready', manifest: result.manifest };
      if (before.status !== 'ready' || before.manifest.hash !== result.manifest.hash) changed();
      if (before.status === 'ready' && before.manifest.hash !== result.manifest.hash) retire(before.manifest.hash);
      return;
    }
    if (result.retryLater) {
      // The photo may be fine: keep what readers see now, and try again later.
      if (entry.made === version) entry.made = undefined;
      const wait = Math.min(retryMs * 2 ** entry.failures, MAX_RETRY_MS);
      if (entry.failures === 0) {
        log(`${entry.file.path}: error: ${result.message} (사진 없이 게시하고, 나중에 다시 시도합니다)`);
      }
      entry.failures += 1;
      entry.retryTimer = setTimeout(() => {
        entry.retryTimer = undefined;
        queue(entry);
      }, wait);
      entry.retryTimer.unref();
      return;
    }
    log(`${entry.file.path}: error: ${result.message}`);
    if (entry.state.status !== 'refused' || entry.state.message !== result.message) {
      entry.state = { status: 'refused', message: result.message };
      changed();
    }
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (let path = takeDue(); path !== undefined; path = takeDue()) {
        const entry = entries.get(path);
        if (!entry || entry.made === identity(entry.file)) continue;
        const version = identity(entry.file);
        entry.made = version;
        let result: PublishResult;
        const upgrade = (manifest: PhotoManifest) => {
          const { state } = entry;
          if (entries.get(path) !== entry || state.status !== 'ready' || state.manifest.hash !== manifest.hash) return;
          entry.state = { status: 'ready', manifest };
          changed();
        };
        try {
          result = await publish(entry.file.absolute, upgrade);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          result = { ok: false, message, retryLater: true };
        }
        // A file replaced or removed meanwhile: its newer version is already due, or it is gone.
        if (entries.get(path) === entry && identity(entry.file) === version) apply(entry, version, result);
      }
    } finally {
      running = false;
      settleIdle();
    }
  }

  function takeDue(): string | undefined {
    const first = due.values().next();
    if (first.done) return undefined;
    due.delete(first.value);
    return first.value;
  }

  function queue(entry: Entry): void {
    due.add(entry.file.path);
    void drain();
  }

  return {
    sync(files) {
      for (const [path, entry] of entries) {
        if (files.has(path)) continue;
        clearTimeout(entry.retryTimer);
        entries.delete(path);
        if (entry.state.status !== 'waiting') changed();
        if (entry.state.status === 'ready') retire(entry.state.manifest.hash);
      }
      for (const [path, file] of files) {
        const known = entries.get(path);
        if (known && identity(known.file) === identity(file)) continue;
        // A replaced photo keeps its old variants on the page until the new ones are made.
        const entry: Entry = { file, state: known?.state ?? { status: 'waiting' }, failures: 0 };
        if (known) clearTimeout(known.retryTimer);
        entries.set(path, entry);
        queue(entry);
      }
    },
    get: (path) => entries.get(path)?.state,
    version() {
      if (cachedVersion === undefined) {
        const hash = createHash('sha256');
        hash.update(`${noted}\n`);
        for (const [path, entry] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const { state } = entry;
          const { manifest } = state.status === 'ready' ? state : { manifest: undefined };
          if (manifest) hash.update(`${path}\0${manifest.hash}\0${manifest.variants.length}\n`);
          else if (state.status === 'refused') hash.update(`${path}\0refused\n`);
        }
        cachedVersion = hash.digest('hex').slice(0, 16);
      }
      return cachedVersion;
    },
    changedAt: () => lastChange,
    noteChange() {
      noted += 1;
      changed();
    },
    idle() {
      if (!running && due.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

const LIBRARY_KEY = Symbol.for('hangul-news.photo-library');
type GlobalWithLibrary = typeof globalThis & { [LIBRARY_KEY]?: PhotoLibrary };

/**
 * This process's library, on globalThis: Next may load this module once per route bundle, and
 * the content store and every page must see one. Opening it sweeps what a crash left half-written.
 */
export function getPhotoLibrary(): PhotoLibrary {
  const holder = globalThis as GlobalWithLibrary;
  let library = holder[LIBRARY_KEY];
  if (!library) {
    library = openPhotoLibrary();
    holder[LIBRARY_KEY] = library;
    getVariantStore()
      .sweepIncoming()
      .catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        console.error(`[content] 사진 변환본 폴더를 정리할 수 없습니다: ${detail}`);
      });
  }
  return library;
}
