import type { SourceFile } from './snapshot';

/** A place articles come from. The store asks it for changes and builds snapshots from its files. */
export interface ContentSource {
  /** Whether `refresh` may find something new (a change was seen, or polling is due). */
  needsRefresh(now: number): boolean;
  /** Brings the files up to date with the source; true when any file was added, changed or removed. */
  refresh(now: number): boolean;
  /** The files as last read, in path order. */
  files(): Iterable<SourceFile>;
  /** The newest change time the source can see (files and folders), for a store's first read. */
  newestChange(): number;
  /**
   * What the files are a version of, when the source can name it (the git follower: the commit
   * they were read from). Pages rendered from another version are stale, whatever the clocks say.
   */
  version?(): string | undefined;
  /** Asks the source to look for changes now (a webhook said there are some); settles when it has. */
  requestUpdate?(): Promise<void>;
  /** Whether a whole read is running in the background (a server's first read of its folder). */
  isReading?(): boolean;
  /** Settles when no background read is running. */
  whenRead?(): Promise<void>;
  close(): void;
}

/**
 * A source with no files. `next build` renders from it: the build never reads the archive, and
 * every page it prerenders is stale from the server's first moment (see lib/content/process-store.ts).
 */
export function emptySource(): ContentSource {
  return {
    needsRefresh: () => false,
    refresh: () => false,
    files: () => [],
    newestChange: () => 0,
    close: () => {},
  };
}
