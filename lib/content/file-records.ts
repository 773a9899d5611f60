import type { ContentEntry } from './files';
import type { LoadResult } from './schema';
import type { ArticleSource } from './types';

/** What a source remembers of one file: its stat when read, and what reading it gave (when kept). */
export interface FileRecord {
  size: number;
  mtimeMs: number;
  result?: LoadResult;
  /** What kind of file it was when recorded (records kept elsewhere than memory say it). */
  kind?: ContentEntry['kind'];
}

/**
 * Where a folder source keeps what it read of each file. In memory (the content check, tests), the
 * results themselves; over the on-disk index (the server), only what tells a changed file from an
 * unchanged one, while the results go to the index.
 */
export interface FileRecords {
  get(path: string): FileRecord | undefined;
  set(entry: ContentEntry, record: FileRecord): void;
  delete(path: string): void;
  /** Every path recorded, in any order. */
  keys(): Iterable<string>;
  readonly size: number;
  /** The newest modification time recorded (ms), or 0. */
  newestMtime(): number;
  /** Hands what is held so far to where records are kept (an index), if they are held anywhere. */
  flush?(): void;
  /**
   * Whether what is recorded was read by other parsing code (an index kept across a new build):
   * the next whole read reads every file again, whatever its stat says, then says `markCurrent()`.
   */
  isStale?(): boolean;
  markCurrent?(): void;
  /**
   * Whether any path under `prefix` (a folder, ending in `/`) is recorded: given by records that
   * keep the folder's listing themselves, so the source need not hold it in memory.
   */
  hasUnder?(prefix: string): boolean;
}

/** Records held in a map: every result in memory, as a one-shot reader of the folder needs them. */
export function memoryRecords(): FileRecords {
  const map = new Map<string, FileRecord>();
  return {
    get: (path) => map.get(path),
    set: (entry, record) => void map.set(entry.path, record),
    delete: (path) => void map.delete(path),
    keys: () => [...map.keys()],
    newestMtime: () => [...map.values()].reduce((newest, record) => Math.max(newest, record.mtimeMs), 0),
    get size() {
      return map.size;
    },
  };
}

/** A key that changes whenever the article's file does (path, size, mtime): for caches of work done on it. */
export function sourceKey(file: { source: ArticleSource }): string {
  const { path, size, mtimeMs } = file.source;
  return `${path}\u0000${size}\u0000${mtimeMs}`;
}

/**
 * sourceKey and the names the article's categories and tags go by (a term's name is the first
 * file's spelling, which another file can change): what a search index entry was made from.
 */
export function indexKey(article: {
  source: ArticleSource;
  categories: readonly { name: string }[];
  tags: readonly { name: string }[];
}): string {
  return [sourceKey(article), ...article.categories.map((c) => c.name), '\u0001', ...article.tags.map((t) => t.name)].join('\u0000');
}
