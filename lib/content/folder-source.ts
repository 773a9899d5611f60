import fs from 'node:fs';

import {
  comparePaths,
  describeContentFile,
  getNewestFolderTime,
  listContentFiles,
  listContentFilesAsync,
  listContentFolder,
  type ContentEntry,
} from './files';
import { loadFile, type FileLoader, type FileToLoad, type LoadOptions } from './load-file';
import { memoryRecords, type FileRecord, type FileRecords } from './file-records';
import type { LoadResult } from './schema';
import type { ContentSource } from './source';
import { watchTree, type TreeWatcher } from './watch-tree';

export interface FolderSourceOptions extends LoadOptions {
  root: string;
  /** Follow changes; off for one-shot readers (the build, the content check). */
  live: boolean;
  /**
   * How a live source learns of changes: by watching the folder and letting writes settle (the
   * default), or only when its owner names the changed paths (the git follower, which writes
   * whole commits and says which paths each one touched).
   */
  watch?: boolean;
  /** Where what was read is kept; in memory unless given (the server keeps it in the on-disk index). */
  records?: FileRecords;
  /**
   * Read the whole folder in the background (a server over an archive): the first read and every
   * full rescan list and stat asynchronously and parse in short slices, while requests are
   * answered from the records as they stand. Off: a full read is done before `refresh` returns.
   */
  background?: boolean;
  /**
   * Where a background read parses files (the server's read threads, lib/workers/read-pool.ts);
   * without one it parses on the event loop in short slices.
   */
  loader?: FileLoader;
  /** How often a watched folder is looked over in full all the same (SAFETY_RECHECK_MS). */
  recheckMs?: number;
}

/** Without a watcher (it failed, or the platform has none) the folder is re-checked this often. */
const POLL_MS = 2000;
/** Even with a watcher, re-check now and then: some file systems (network mounts) drop events. */
const SAFETY_RECHECK_MS = 15_000;
/**
 * A look over the whole folder that no change asked for (the safety recheck, polling without a
 * watcher) takes at most this share of the time: it rests 19 times as long as it worked. At
 * 100,000 files a look costs the event loop ~4 s (a stat and a record lookup a file); every 15 s
 * that was a fourth of a core for ever, and at a million files the looks ran back to back.
 */
const UNASKED_SHARE = 1 / 20;
/** A file modified this recently may still be being written; wait for it to settle. */
const SETTLE_MS = 300;
/** More paths than this since the last read (a bulk copy, say): rescan instead. */
const MAX_TOUCHED = 1000;
/**
 * A new folder named by the watcher with at most this many names under it is read as named files
 * (a new day's folder during a restart's whole read, which would otherwise wait for that read).
 */
const MAX_NEW_FOLDER_NAMES = 200;
/** A background read parses for at most this long before it lets requests run. */
const SLICE_MS = 10;
/** Files stat'ed at once by a background read. */
const STAT_BATCH = 200;
/**
 * A background read of fewer files than this parses them here: starting the read threads takes
 * longer (~0.5 s) than parsing them (~0.6 ms a file), and a small site is whole at once.
 */
const LOADER_FROM_FILES = 1000;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Files that articles are read against: the site's settings, reporters' profiles, series. */
const isDirectoryFile = (entry: ContentEntry) => entry.kind === 'site' || entry.kind === 'reporter' || entry.kind === 'series';

/**
 * The order a whole-folder read takes files in: the files articles are read against first, then
 * the rest in reverse path order. `_reporters/` sorts after every dated folder, so a first read of
 * 100,000 articles met the profiles last and then rewrote every article's reporter terms in one
 * transaction: 8.5 s with the event loop held. Dated folders (`2026/12/…`) are read newest first,
 * so that the front page and the sections, which show the newest, are right soonest while a large
 * archive is read (in path order they came last, after a minute and a half at 100,000).
 */
function readingOrder(entries: readonly ContentEntry[]): ContentEntry[] {
  return [...entries.filter(isDirectoryFile), ...entries.filter((entry) => !isDirectoryFile(entry)).reverse()];
}

/** How long to rest after `workedMs` of a look nobody asked for, to keep to UNASKED_SHARE. */
export const restAfter = (workedMs: number) => Math.max(0, workedMs) * (1 / UNASKED_SHARE - 1);

/**
 * Whether a whole read must leave `path` alone: it, or a folder it is in, was named and read during
 * the read (a folder renamed away: what the read still holds of its files is from before).
 */
function isTaken(taken: ReadonlySet<string>, path: string): boolean {
  if (taken.has(path)) return true;
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    if (taken.has(path.slice(0, end))) return true;
  }
  return false;
}

function isUnchanged(cached: FileRecord | undefined, stat: fs.Stats | undefined): boolean {
  return !!cached && !!stat && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs;
}

/**
 * The folder's files as last listed, kept current path by path: what tells the watcher's named
 * paths apart (a new file, a folder renamed, a file that changed kind).
 */
interface Listing {
  replace(entries: ContentEntry[]): void;
  /** Whether a listed path is under `prefix` (a folder, ending in `/`). */
  hasUnder(prefix: string): boolean;
  kindOf(path: string): ContentEntry['kind'] | undefined;
  put(entry: ContentEntry): void;
  /** Forgets a path; false when it was not listed. */
  remove(path: string): boolean;
  /** Every listed file in path order (what a snapshot is built from). */
  all(): Iterable<ContentEntry>;
}

/** The listing in memory, sorted by path: what a one-shot reader builds its snapshot from. */
function memoryListing(): Listing {
  let entries: ContentEntry[] = [];
  return {
    replace: (next) => void (entries = next),
    hasUnder: (prefix) => entries[entryIndex(entries, prefix)]?.path.startsWith(prefix) ?? false,
    kindOf(path) {
      const found = entries[entryIndex(entries, path)];
      return found?.path === path ? found.kind : undefined;
    },
    put(entry) {
      const at = entryIndex(entries, entry.path);
      if (entries[at]?.path === entry.path) entries[at] = entry;
      else entries.splice(at, 0, entry);
    },
    remove(path) {
      const at = entryIndex(entries, path);
      if (entries[at]?.path !== path) return false;
      entries.splice(at, 1);
      return true;
    },
    all: () => entries,
  };
}

/**
 * The listing read from records that keep it (the on-disk index): nothing per file in memory. A
 * server never builds a snapshot, so it never asks for every entry.
 */
function recordedListing(files: FileRecords): Listing {
  return {
    replace: () => {},
    hasUnder: (prefix) => files.hasUnder?.(prefix) ?? true,
    kindOf: (path) => files.get(path)?.kind,
    put: () => {},
    remove: (path) => files.get(path) !== undefined,
    all: () => [],
  };
}

/** Where `path` is, or would go, in sorted entries. */
function entryIndex(entries: readonly ContentEntry[], path: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePaths(entries[mid]?.path ?? '', path) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The content folder as a source. Why a watcher: requests must never rescan the folder while
 * nothing changes. The watcher only notes which paths changed; the next refresh re-stats those
 * paths and reparses what changed, so a change costs the same with 100 articles or 100,000.
 */
export interface FolderSource extends ContentSource {
  /** The paths that changed (relative, forward slashes), or none named: the whole folder may have. */
  noteChanged(paths?: readonly string[]): void;
  isReading(): boolean;
  whenRead(): Promise<void>;
}

export function openFolderSource(options: FolderSourceOptions): FolderSource {
  const { root, live } = options;
  const watching = live && (options.watch ?? true);
  const files: FileRecords = options.records ?? memoryRecords();
  const listing = options.records?.hasUnder ? recordedListing(files) : memoryListing();
  let dirty = true;
  /** The paths the watcher named since the last refresh, or 'all' when any path may have changed. */
  let touched: Set<string> | 'all' = 'all';
  let watcher: TreeWatcher | undefined;
  const timers: NodeJS.Timeout[] = [];
  let checkedAt = 0;
  /** How long the last whole-folder read took: polling rests restAfter it. */
  let lastReadMs = 0;
  let rechecking = false;
  let read = false;
  /** A whole-folder read running in the background, if any. */
  let reading: Promise<void> | undefined;
  /**
   * Paths named and read again while that read runs (an editor's save, a pull): the read keeps its
   * hands off them, since what it stat'ed or parsed of them may be from before the change.
   */
  let takenDuringRead: Set<string> | undefined;
  /**
   * While a whole read reads every file again, whatever its stat says: what is recorded was read
   * by other parsing code (FileRecords isStale). Files named meanwhile are read again too.
   */
  let rereading = false;
  /** Closed: a read under way stops at its next batch, and says nothing of a closed index. */
  let closed = false;
  /** Where a background read parses files; set aside if it cannot run. */
  let usable = options.loader;

  function markDirty(paths?: readonly string[]): void {
    dirty = true;
    if (!paths || touched === 'all') {
      touched = 'all';
      return;
    }
    for (const name of paths) touched.add(name);
    if (touched.size > MAX_TOUCHED) touched = 'all';
  }

  function stopWatching(): void {
    watcher?.close();
    watcher = undefined;
    for (const timer of timers) clearInterval(timer);
    timers.length = 0;
  }

  /** Compares the folder with what was last read, with asynchronous stats that never hold up a request. */
  async function recheckInBackground(): Promise<void> {
    if (dirty || rechecking || reading) return;
    rechecking = true;
    try {
      let started = performance.now();
      const listed = await listContentFilesAsync(root);
      if (listed.length !== files.size) {
        markDirty();
        return;
      }
      for (let i = 0; i < listed.length; i += STAT_BATCH) {
        // Paced batch by batch, so that readers never meet a look in full swing.
        await sleep(restAfter(performance.now() - started));
        if (dirty || reading) return;
        started = performance.now();
        const stats = await Promise.all(
          listed.slice(i, i + STAT_BATCH).map((entry) => fs.promises.stat(entry.absolute).catch(() => undefined)),
        );
        for (const [j, stat] of stats.entries()) {
          const entry = listed[i + j];
          if (!isUnchanged(entry && files.get(entry.path), stat)) {
            markDirty();
            return;
          }
        }
      }
    } finally {
      rechecking = false;
    }
  }

  if (watching) {
    try {
      watcher = watchTree(
        root,
        (name) => markDirty(name ? [name] : undefined),
        () => {
          stopWatching();
          markDirty();
        },
        { background: options.background },
      );
      const recheck = setInterval(() => void recheckInBackground(), options.recheckMs ?? SAFETY_RECHECK_MS);
      recheck.unref();
      timers.push(recheck);
    } catch {
      watcher = undefined;
    }
  }

  /**
   * Brings one file up to date with its stat: unchanged, still being written (it keeps its last
   * good state until it settles), or parsed.
   */
  function updateFile(entry: ContentEntry, stat: fs.Stats, now: number, settle: boolean): 'unchanged' | 'settling' | 'parsed' {
    const state = stateOf(entry, stat, now, settle);
    if (state !== 'changed') return state;
    // A file that is no content is recorded unread: the snapshot and the index say it was skipped.
    const result = entry.kind === 'other' ? undefined : loadFile(entry, stat, new Date(now), options);
    files.set(entry, { size: stat.size, mtimeMs: stat.mtimeMs, result });
    return 'parsed';
  }

  function stateOf(entry: ContentEntry, stat: fs.Stats, now: number, settle: boolean): 'unchanged' | 'settling' | 'changed' {
    if (!rereading && isUnchanged(files.get(entry.path), stat)) return 'unchanged';
    if (settle && now - stat.mtimeMs < SETTLE_MS) return 'settling';
    return 'changed';
  }

  /** Lists the folder, re-stats every file and reparses the changed ones (every one, if stale). */
  function refreshAll(now: number, settle: boolean): boolean {
    rereading = files.isStale?.() ?? false;
    try {
      const changed = refreshAllNow(now, settle);
      if (rereading) {
        files.flush?.();
        files.markCurrent?.();
      }
      return changed;
    } finally {
      rereading = false;
    }
  }

  function refreshAllNow(now: number, settle: boolean): boolean {
    const started = performance.now();
    const sorted = listContentFiles(root);
    listing.replace(sorted);
    const entries = readingOrder(sorted);
    const seen = new Set<string>();
    let changed = false;
    let settling = false;
    for (const entry of entries) {
      seen.add(entry.path);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(entry.absolute);
      } catch {
        continue;
      }
      const result = updateFile(entry, stat, now, settle);
      if (result === 'settling') settling = true;
      else if (result !== 'unchanged') changed = true;
    }
    for (const known of files.keys()) {
      if (!seen.has(known)) {
        files.delete(known);
        changed = true;
      }
    }
    if (settling) setTimeout(() => markDirty(), SETTLE_MS).unref();
    lastReadMs = performance.now() - started;
    return changed;
  }

  /**
   * refreshAll without holding up requests: the folder is listed a directory at a time, files are
   * stat'ed in batches and parsed by the loader (on other threads; the next batch is stat'ed and
   * sent while one is parsed) or, without one, in slices of SLICE_MS. What it reads reaches the
   * records as it goes (an index applies it in batches), so readers see the archive fill in.
   */
  async function refreshAllInBackground(settle: boolean): Promise<void> {
    // Listed once every folder is watched: a file written meanwhile is either listed or heard.
    await watcher?.ready;
    // The time spent looking (listing and stat'ing, not parsing): what polling paces itself by.
    let looking = performance.now();
    let looked = 0;
    rereading = files.isStale?.() ?? false;
    const sorted = await listContentFilesAsync(root);
    listing.replace(sorted);
    const listed = readingOrder(sorted);
    const large = listed.length >= LOADER_FROM_FILES;
    const seen = new Set<string>();
    const taken = new Set<string>();
    takenDuringRead = taken;
    let settling = false;
    let sliceStart = performance.now();
    let recorded: Promise<void> = Promise.resolve();
    for (let i = 0; i < listed.length; i += STAT_BATCH) {
      if (closed) return;
      if (i > 0) looking = performance.now();
      const batch = listed.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(batch.map((entry) => fs.promises.stat(entry.absolute).catch(() => undefined)));
      const changed: FileToLoad[] = [];
      for (const [j, entry] of batch.entries()) {
        seen.add(entry.path);
        const stat = stats[j];
        const state = stat && stateOf(entry, stat, Date.now(), settle);
        if (state === 'settling') settling = true;
        if (state !== 'changed' || !stat || isTaken(taken, entry.path)) continue;
        if (large && usable) {
          changed.push({ entry, size: stat.size, mtimeMs: stat.mtimeMs });
        } else {
          updateFile(entry, stat, Date.now(), settle);
          if (performance.now() - sliceStart > SLICE_MS) {
            await yieldToRequests();
            sliceStart = performance.now();
          }
        }
      }
      looked += performance.now() - looking;
      if (large && usable && changed.length > 0) {
        const loading = loadElsewhere(usable, changed);
        const before = recorded;
        recorded = before.then(async () => record(changed, await loading));
        // A batch the index refuses (a full disk) ends the read at the next await: the batch
        // chained after it fails too, and is then awaited by no one (an unhandled rejection).
        recorded.catch(() => {});
        // One batch parsed while the next is stat'ed: the threads never wait, memory holds two.
        await before;
      }
    }
    await recorded;
    lastReadMs = looked;
    // Every recorded path looked at (100,000 of them: 0.3 s), with pauses for requests.
    let checked = 0;
    for (const known of files.keys()) {
      if (!seen.has(known) && !taken.has(known)) files.delete(known);
      if ((checked += 1) % 1000 === 0) await yieldToRequests();
    }
    files.flush?.();
    // Every file listed was read again by this code.
    if (rereading) files.markCurrent?.();
    if (settling) setTimeout(() => markDirty(), SETTLE_MS).unref();
  }

  /**
   * Parses content files with `loader`; a file that is no content is recorded unread. A loader that
   * cannot run is said once and set aside: the files are parsed here, as without one.
   */
  async function loadElsewhere(loader: FileLoader, changed: FileToLoad[]) {
    const content = changed.filter((file) => file.entry.kind !== 'other');
    const now = Date.now();
    let results: LoadResult[];
    try {
      results = await loader.load(content, now, options.maxFileBytes);
    } catch (error) {
      if (loader === usable) {
        console.error('[content] 읽기 작업 스레드를 쓸 수 없어 서버 스레드에서 읽습니다:', error instanceof Error ? error.message : error);
        usable = undefined;
      }
      results = [];
      for (const file of content) {
        results.push(loadFile(file.entry, file, new Date(now), options));
        if (results.length % 20 === 0) await yieldToRequests();
      }
    }
    const byPath = new Map(content.map((file, i) => [file.entry.path, results[i]]));
    return changed.map((file) => byPath.get(file.entry.path));
  }

  function record(changed: FileToLoad[], results: (LoadResult | undefined)[]): void {
    for (const [i, file] of changed.entries()) {
      if (takenDuringRead && isTaken(takenDuringRead, file.entry.path)) continue;
      files.set(file.entry, { size: file.size, mtimeMs: file.mtimeMs, result: results[i] });
    }
  }

  /**
   * Re-stats only the paths the watcher named. Returns undefined, having changed nothing, when a
   * folder was among them (added, removed or renamed): the caller then rescans the whole folder.
   */
  function refreshTouched(names: ReadonlySet<string>, now: number, settle: boolean): boolean | undefined {
    const found: [string, ContentEntry | undefined][] = [];
    for (const name of names) {
      const entry = describeContentFile(root, name);
      const key = name.normalize('NFC');
      // A folder known before (removed, renamed, replaced): its paths are the whole read's to find.
      if (listing.hasUnder(`${key}/`)) return undefined;
      if (entry === 'directory') {
        // A new folder (a new day's, with its first article): its files are named ones.
        const inside = listContentFolder(root, name, MAX_NEW_FOLDER_NAMES);
        if (!inside) return undefined;
        for (const file of inside) found.push([file.path, file]);
        continue;
      }
      found.push([name, entry]);
    }
    // A whole read under way keeps its hands off these: what it listed or stat'ed may be older.
    for (const [name] of found) takenDuringRead?.add(name.normalize('NFC'));
    let changed = false;
    const settling: string[] = [];
    const remove = (key: string) => {
      if (listing.remove(key)) {
        files.delete(key);
        changed = true;
      }
    };
    for (const [name, entry] of found) {
      if (!entry) {
        remove(name.normalize('NFC'));
        continue;
      }
      const known = listing.kindOf(entry.path);
      if (known !== entry.kind) {
        listing.put(entry);
        if (known !== undefined) files.delete(entry.path);
        changed = true;
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(entry.absolute);
      } catch {
        remove(entry.path);
        continue;
      }
      const result = updateFile(entry, stat, now, settle);
      if (result === 'settling') settling.push(name);
      else if (result !== 'unchanged') changed = true;
    }
    if (settling.length > 0) setTimeout(() => markDirty(settling), SETTLE_MS).unref();
    return changed;
  }

  /** The paths named while a whole read runs, read now; a folder among them: read whole after it. */
  function refreshDuringRead(now: number): boolean {
    if (touched === 'all' || touched.size === 0) return false;
    const names = touched;
    touched = new Set();
    dirty = false;
    // Settling as for any edit the watcher heard: a save may still be being written.
    const changed = refreshTouched(names, now, watching);
    if (changed === undefined) {
      markDirty();
      return false;
    }
    return changed;
  }

  return {
    needsRefresh(now) {
      // During a whole read, edits named by the watcher (or a pull) are taken at once: at a
      // million files a restart's read takes minutes, and publishing must not wait for it.
      if (reading) return dirty && touched !== 'all' && touched.size > 0;
      return dirty || (watching && !watcher && now - checkedAt > Math.max(POLL_MS, restAfter(lastReadMs)));
    },
    refresh(now) {
      if (reading) return refreshDuringRead(now);
      const names = touched;
      dirty = false;
      touched = new Set();
      checkedAt = now;
      // Settling applies to edits seen by the watcher; the first read takes the folder as it is.
      const settle = watching && read;
      const named = read && names !== 'all' && (!watching || !!watcher);
      const changed = named ? refreshTouched(names, now, settle) : undefined;
      if (changed !== undefined) return changed;
      if (options.background) {
        reading = refreshAllInBackground(settle)
          .catch((error: unknown) => {
            if (closed) return;
            console.error('[content] 콘텐츠 폴더를 읽지 못했습니다:', error);
            markDirty();
          })
          .finally(() => {
            reading = undefined;
            takenDuringRead = undefined;
            rereading = false;
            read = true;
            // Without a watcher the folder is polled: the next look starts a while after this one ended.
            checkedAt = Date.now();
          });
        return false;
      }
      read = true;
      return refreshAll(now, settle);
    },
    isReading: () => reading !== undefined,
    whenRead: async () => {
      await reading;
    },
    *files() {
      for (const entry of listing.all()) yield { entry, result: files.get(entry.path)?.result };
    },
    newestChange() {
      return Math.max(getNewestFolderTime(root), files.newestMtime());
    },
    noteChanged: markDirty,
    close() {
      closed = true;
      stopWatching();
    },
  };
}
