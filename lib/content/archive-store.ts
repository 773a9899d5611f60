import { archiveContentReader } from './archive/content-reader';
import type { ArchiveRecords } from './archive/records';
import type { Archive, ArchiveChanges } from './archive/types';
import type { ContentProblem } from './parse';
import type { ContentReader } from './reader';
import type { PhotoFile } from './types';
import { formatProblem } from './snapshot';
import type { ContentSource } from './source';
import type { ContentStore } from './store';

export interface ArchiveStoreOptions {
  root: string;
  /** The on-disk index the source's records write to. */
  archive: Archive;
  /** A folder or git source whose records are `records`. */
  source: ContentSource;
  records: ArchiveRecords;
  /** Where each content error is reported, once; the server logs them. */
  reportProblem?: (line: string) => void;
  /** See ContentStoreOptions: whether cached pages were rendered from this same content. */
  isPageCacheFromHere?: () => boolean;
  /**
   * Called with every photo file at the first read and after each change that touched a photo file
   * (the server hands them to the media pipeline); an article's edit does not walk the photos.
   */
  onPhotos?: (photos: Iterable<PhotoFile>) => void;
}

/** Content errors reported at most this many at a time: a folder of broken files cannot flood the log. */
const REPORTED = 1000;

/**
 * The server's store: the source's changes go to the on-disk index in one transaction per refresh,
 * and the queries read the index. Memory holds no article: a restart reads the index as it is and
 * re-reads only the files that changed while no server watched.
 */
export function openArchiveStore(options: ArchiveStoreOptions): ContentStore {
  const { archive, source, records } = options;
  const logged = new Set<string>();
  let reader: ContentReader | undefined;
  /** When the set of files or any file's contents last changed (ms since epoch). */
  let changedAt = 0;
  /** The photos' change the media pipeline was last handed. */
  let photosSeen: number | undefined;
  const unapplied: ArchiveChanges[] = [];
  let closed = false;

  function report(now: number): void {
    if (!options.reportProblem) return;
    if (logged.size > 10_000) logged.clear();
    // Errors only: a thousand warnings (attachments that are not content) must not hide them.
    for (const problem of archive.problems({ now, limit: REPORTED, errorsOnly: true })) {
      const line = formatProblem(problem);
      if (!logged.has(line)) {
        logged.add(line);
        options.reportProblem(line);
      }
    }
  }

  /**
   * Applies what the index has not taken yet, oldest first; the version goes with the last. When the
   * index refuses (another server held it past the busy timeout, a full disk), readers are served
   * the index as it stands and the changes are tried again at the next request, never dropped.
   */
  function applyPending(version: string | undefined): void {
    try {
      for (let next = unapplied[0]; next; next = unapplied[0]) {
        archive.apply(unapplied.length === 1 ? { ...next, version } : next);
        unapplied.shift();
      }
    } catch (error) {
      options.reportProblem?.(`콘텐츠 색인에 변경을 쓰지 못해 다음 요청 때 다시 씁니다: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function getReader(): ContentReader {
    const now = Date.now();
    // A background read applies what it read as it goes: a new state is a new reader, and the
    // source is asked to look again only when it says there may be something new.
    const looking = !reader || source.needsRefresh(now);
    if (reader && !looking && unapplied.length === 0 && archive.changeCounter() === reader.version) return reader;
    const changed = looking ? source.refresh(now) : false;
    const changes = records.drain();
    if (changes) unapplied.push(changes);
    const version = source.version?.();
    if (unapplied.length > 0) applyPending(version);
    else if (version !== archive.getVersion()) archive.setVersion(version);
    if (!reader) {
      // Pages cached by an earlier process are stale if they came from other content, or from
      // before its last change; what changed while no server ran is applied by the first read
      // (moving this clock again), without walking the folder first.
      // A new index (the first start, or one in memory) knows no earlier change: the files' own
      // times say whether pages cached from this folder are still current.
      const fromHere = options.isPageCacheFromHere?.() ?? false;
      changedAt = !fromHere ? now : archive.rebuilt ? source.newestChange() : archive.appliedAt();
    } else if (changed) {
      changedAt = now;
    }
    if (reader && archive.changeCounter() !== reader.version) changedAt = now;
    if (!reader || archive.changeCounter() !== reader.version) {
      reader = archiveContentReader(archive, archive.changeCounter());
      report(now);
      const photosAt = archive.photosChangedAt();
      if (photosSeen === undefined || photosAt !== photosSeen) {
        photosSeen = photosAt;
        options.onPhotos?.(archive.photos());
      }
    }
    return reader;
  }

  return {
    root: options.root,
    getReader,
    getStaleBefore(now = Date.now()) {
      getReader();
      return Math.max(source.version ? 0 : changedAt, archive.previousBoundary(now));
    },
    getVersion() {
      getReader();
      return source.version?.();
    },
    getProblems(limit = REPORTED): ContentProblem[] {
      getReader();
      return archive.problems({ now: Date.now(), limit });
    },
    getFileCount() {
      getReader();
      return archive.fileCount();
    },
    isReading: () => source.isReading?.() ?? false,
    whenRead: async () => {
      getReader();
      // A source may start its read only when next asked to look (git mode clones first), and a
      // read that ends may leave a commit to take: look again until no read runs.
      while (!closed && source.isReading?.() && source.whenRead) {
        await source.whenRead();
        if (closed) return;
        getReader();
      }
    },
    requestUpdate: async () => {
      await source.requestUpdate?.();
    },
    close() {
      closed = true;
      source.close();
      archive.close();
    },
  };
}
