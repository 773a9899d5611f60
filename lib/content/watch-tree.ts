import fs from 'node:fs';
import path from 'node:path';

import { isIgnoredName } from './files';

const isOutOfWatches = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === 'ENOSPC' || error.code === 'EMFILE');

/** A folder and every folder under it, watched. */
export interface TreeWatcher {
  /** How many folders are watched (one watch each). */
  readonly size: number;
  /** Settles when every folder that was there at the start is watched. */
  readonly ready: Promise<void>;
  close(): void;
}

export interface WatchTreeOptions {
  /**
   * Watch the folders under the root in the background (a server over an archive: reading 4,000
   * folders of 100,000 files synchronously held its start for a third of a second, ten times that
   * at a million); `ready` says when they all are. Off: every folder is watched before watchTree
   * returns.
   */
  background?: boolean;
}

/**
 * Watches `root` and every folder under it with one watch per folder, never one per file: Node
 * 20's recursive fs.watch on Linux watches every file, and a server on an archive of a million
 * files took all 192,543 inotify watches of its user, so every other watcher on the machine (an
 * editor's, another server's) heard nothing. A folder's watch hears its files being added,
 * changed and removed; a folder added later is watched as soon as its parent names it.
 *
 * `onChange` gets the changed path relative to `root` with forward slashes (a file or a folder),
 * or undefined when the platform did not say. `onError` is called when the root itself cannot be
 * watched any more; the caller then polls.
 */
export function watchTree(
  root: string,
  onChange: (relPath: string | undefined) => void,
  onError: () => void,
  options: WatchTreeOptions = {},
): TreeWatcher {
  const watchers = new Map<string, fs.FSWatcher>();
  let closed = false;

  function forget(rel: string): void {
    for (const [key, watcher] of watchers) {
      if (key === rel || key.startsWith(`${rel}/`)) {
        watcher.close();
        watchers.delete(key);
      }
    }
  }

  function watch(rel: string): void {
    if (closed || watchers.has(rel)) return;
    const folder = rel ? path.join(root, ...rel.split('/')) : root;
    const watcher = fs.watch(folder, { persistent: false }, (_event, name) => {
      if (!name) {
        onChange(rel || undefined);
        return;
      }
      const child = rel ? `${rel}/${name.toString()}` : name.toString();
      onChange(child);
      if (!isIgnoredName(path.basename(child))) void follow(child);
    });
    watcher.on('error', () => {
      forget(rel);
      if (rel) onChange(rel);
      else onError();
    });
    watchers.set(rel, watcher);
  }

  /** A name a folder's watch reported: a new folder (watched, with what is under it) or one gone. */
  async function follow(rel: string): Promise<void> {
    const stat = await fs.promises.lstat(path.join(root, ...rel.split('/'))).catch(() => undefined);
    if (!stat) forget(rel);
    else if (stat.isDirectory()) await watchBelow(rel);
  }

  async function watchBelow(rel: string): Promise<void> {
    try {
      watch(rel);
    } catch (error) {
      if (isOutOfWatches(error)) onError();
      return; // Gone, or unreadable, since it was named: the rescan it caused finds out.
    }
    const folder = rel ? path.join(root, ...rel.split('/')) : root;
    const dirents = await fs.promises.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const dirent of dirents) {
      if (closed) return;
      if (dirent.isDirectory() && !isIgnoredName(dirent.name)) await watchBelow(rel ? `${rel}/${dirent.name}` : dirent.name);
    }
  }

  /**
   * Every folder under `rel`, watched before this returns: a file written the moment after the
   * server starts is heard. Only folders are read (a million files in 4,000 folders: well under a
   * second, once, at start).
   */
  function watchBelowNow(rel: string): void {
    const folder = rel ? path.join(root, ...rel.split('/')) : root;
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const dirent of dirents) {
      if (!dirent.isDirectory() || isIgnoredName(dirent.name)) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      try {
        watch(child);
      } catch (error) {
        // Out of watches: watching part of the folder would miss changes silently; poll instead.
        if (isOutOfWatches(error)) throw error;
        continue;
      }
      watchBelowNow(child);
    }
  }

  // The root is watched before this returns (a failure throws, as fs.watch does), and so is every
  // folder under it unless asked to watch them in the background; folders added later are watched
  // as their parent names them.
  watch('');
  let ready = Promise.resolve();
  if (options.background) {
    ready = watchBelow('');
  } else {
    try {
      watchBelowNow('');
    } catch (error) {
      for (const watcher of watchers.values()) watcher.close();
      throw error;
    }
  }
  return {
    get size() {
      return watchers.size;
    },
    ready,
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
