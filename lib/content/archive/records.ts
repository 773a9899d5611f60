import type { FileRecord, FileRecords } from '../file-records';
import type { ContentEntry } from '../files';

import type { Archive, ArchiveChanges, ArchiveUpsert, IndexedFile } from './types';

/**
 * A folder source's records over the on-disk index: what tells a changed file from an unchanged
 * one is read from the index, one path at a time, and what a refresh read is held only until
 * `drain()` hands it to the index in one transaction. Nothing per file stays in memory.
 */
export interface ArchiveRecords extends FileRecords {
  /** The changes since the last drain, or undefined when there are none. */
  drain(): ArchiveChanges | undefined;
}

/** Files read that are held at most before they go to the index (a first read of 100,000 files). */
const FLUSH_AT = 500;
/** Index answers kept for the set or delete that follows a get: a few read batches' paths. */
const MAX_ASKED = 2000;

export function archiveRecords(archive: Archive): ArchiveRecords {
  let upserts = new Map<string, ArchiveUpsert>();
  let removals = new Set<string>();
  /** How many recorded paths the pending changes add (new files) or take away (removed ones). */
  let sizeDelta = 0;
  /**
   * What the index said of paths just asked for (`get`), for the `set` or `delete` that follows:
   * a read asks, stats, parses and records each file, and a second lookup each was ~0.1 ms of the
   * event loop a file (10 s of a first start's 100,000). Kept for a few batches' paths at most; an
   * answer can only go stale by a removal, which this records itself.
   */
  let asked = new Map<string, IndexedFile | undefined>();
  const lookUp = (path: string) => {
    if (asked.has(path)) return asked.get(path);
    const indexed = archive.fileRecord(path);
    if (asked.size >= MAX_ASKED) asked = new Map();
    asked.set(path, indexed);
    return indexed;
  };
  const isIndexed = (path: string) => lookUp(path) !== undefined;

  function drain(): ArchiveChanges | undefined {
    if (upserts.size === 0 && removals.size === 0) return undefined;
    const changes = { upserts: [...upserts.values()], removals: [...removals] };
    upserts = new Map();
    removals = new Set();
    sizeDelta = 0;
    // What is applied now changes what the index holds.
    asked = new Map();
    return changes;
  }

  function flush(): void {
    const changes = drain();
    if (changes) archive.apply(changes);
  }

  return {
    get(path): FileRecord | undefined {
      const pending = upserts.get(path);
      if (pending) {
        return { size: pending.size ?? 0, mtimeMs: pending.mtimeMs ?? 0, result: pending.result, kind: pending.entry.kind };
      }
      if (removals.has(path)) return undefined;
      const indexed = lookUp(path);
      return indexed && { size: indexed.size, mtimeMs: indexed.mtimeMs, kind: indexed.kind };
    },
    set(entry: ContentEntry, record: FileRecord) {
      const known = upserts.has(entry.path) || (!removals.has(entry.path) && isIndexed(entry.path));
      if (!known) sizeDelta += 1;
      removals.delete(entry.path);
      upserts.set(entry.path, { entry, result: record.result, size: record.size, mtimeMs: record.mtimeMs });
      if (upserts.size >= FLUSH_AT) flush();
    },
    delete(path) {
      const known = upserts.has(path) || (!removals.has(path) && isIndexed(path));
      upserts.delete(path);
      if (!known) return;
      sizeDelta -= 1;
      if (isIndexed(path)) removals.add(path);
    },
    hasUnder(prefix) {
      for (const path of upserts.keys()) if (path.startsWith(prefix)) return true;
      return archive.hasFileUnder(prefix, removals);
    },
    *keys() {
      for (const file of archive.files()) if (!removals.has(file.path)) yield file.path;
      for (const path of upserts.keys()) if (!isIndexed(path)) yield path;
    },
    get size() {
      return archive.fileTotal() + sizeDelta;
    },
    newestMtime() {
      let newest = archive.newestMtime();
      for (const upsert of upserts.values()) newest = Math.max(newest, upsert.mtimeMs ?? 0);
      return newest;
    },
    flush,
    drain,
    isStale: () => archive.isStale(),
    markCurrent: () => archive.markCurrent(),
  };
}
