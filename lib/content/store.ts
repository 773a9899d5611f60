import { openFolderSource } from './folder-source';
import { getStaleBefore } from './freshness';
import type { ContentProblem } from './parse';
import { snapshotReader, type ContentReader } from './reader';
import { buildSnapshot, formatProblem, type ContentSnapshot } from './snapshot';
import type { ContentSource } from './source';

export interface ContentStoreOptions {
  /** The content folder (absolute). */
  root: string;
  /** Larger files are refused rather than read. */
  maxFileBytes: number;
  /** Follow changes (a server); off for one-shot readers such as the build and the content check. */
  live: boolean;
  /** Where each content error is reported, once; the server logs them. */
  reportProblem?: (line: string) => void;
  /**
   * At the first read: whether pages already cached were rendered from this same folder. When
   * they were, only files changed since are stale; when not, every cached page is.
   */
  isPageCacheFromHere?: () => boolean;
  /** Where the files come from; the folder at `root` unless given. */
  source?: ContentSource;
  /** Called with each new snapshot (the server hands its photo files to the media pipeline). */
  onSnapshot?: (snapshot: ContentSnapshot) => void;
}

/** The content as the rest of lib/content sees it: a reader for the queries, and when pages went stale. */
export interface ContentStore {
  readonly root: string;
  /** The reader over the current content; a new one only after the source saw a change. */
  getReader(): ContentReader;
  /** The content's problems now (errors and warnings), at most `limit`. */
  getProblems(limit?: number): ContentProblem[];
  /** How many content files were read, broken ones included. */
  getFileCount(): number;
  /** Whether the content is still being read for the first time (or again, whole) in the background. */
  isReading(): boolean;
  /** Settles when no background read is running (tests, tools). */
  whenRead(): Promise<void>;
  /**
   * The moment (ms) before which any rendered page may be out of date. With a versioned source
   * only the content's own times count (a publish time, a breaking end); the version says the rest.
   */
  getStaleBefore(now?: number): number;
  /** The version of the current snapshot's files (a commit), if the source names one. */
  getVersion(): string | undefined;
  /** Looks for changes now, if the source can be asked (a webhook); resolves when it has looked. */
  requestUpdate(): Promise<void>;
  close(): void;
}

/** A store that holds the whole content in memory, as one snapshot: for one-shot readers and tests. */
export interface SnapshotStore extends ContentStore {
  /** The current snapshot; rebuilt only after the source saw a change. */
  getSnapshot(): ContentSnapshot;
}

/** Opens a store over the content folder: a source feeding changes to the pure snapshot builder. */
export function openContentStore(options: ContentStoreOptions): SnapshotStore {
  const source =
    options.source ??
    openFolderSource({
      root: options.root,
      maxFileBytes: options.maxFileBytes,
      live: options.live,
    });
  const logged = new Set<string>();
  let snapshot: ContentSnapshot | undefined;
  let reader: ContentReader | undefined;
  let version = 0;
  /** When the set of files or any file's contents last changed (ms since epoch). */
  let changedAt = 0;

  function rebuild(now: number): ContentSnapshot {
    version += 1;
    let next = buildSnapshot(source.files(), version, now);
    // A broken _site.yml keeps the last good identity, as a broken article keeps nothing else down.
    if (next.siteBroken && !next.site && snapshot?.site) next = { ...next, site: snapshot.site };
    if (logged.size > 10_000) logged.clear();
    for (const problem of next.problems) {
      const line = formatProblem(problem);
      if (problem.severity === 'error' && !logged.has(line)) {
        logged.add(line);
        options.reportProblem?.(line);
      }
    }
    options.onSnapshot?.(next);
    return next;
  }

  function getSnapshot(): ContentSnapshot {
    const now = Date.now();
    if (snapshot && !source.needsRefresh(now)) return snapshot;
    const changed = source.refresh(now);
    if (!snapshot) {
      // Pages cached by an earlier process are stale if they came from another content folder,
      // or if anything in this one changed while no server watched it.
      changedAt = (options.isPageCacheFromHere?.() ?? false) ? source.newestChange() : now;
      snapshot = rebuild(now);
    } else if (changed) {
      changedAt = now;
      snapshot = rebuild(now);
    }
    return snapshot;
  }

  return {
    root: options.root,
    getSnapshot,
    getReader() {
      const current = getSnapshot();
      if (reader?.version !== current.version) reader = snapshotReader(current);
      return reader;
    },
    getProblems: (limit = Number.MAX_SAFE_INTEGER) => getSnapshot().problems.slice(0, limit),
    getFileCount: () => getSnapshot().fileCount,
    isReading: () => false,
    whenRead: async () => {},
    getStaleBefore: (now = Date.now()) => getStaleBefore(getSnapshot(), source.version ? 0 : changedAt, now),
    getVersion() {
      getSnapshot();
      return source.version?.();
    },
    requestUpdate: async () => {
      await source.requestUpdate?.();
    },
    close: () => source.close(),
  };
}
