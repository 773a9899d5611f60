import fs from 'node:fs';
import path from 'node:path';

import { isIgnoredName } from './files';

/** A folder and every folder under it, watched. */
export interface TreeWatcher {
  /** How many folders are watched (one watch each). */
  readonly size: number;
  close(): void;
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
    } catch {
      return; // Gone, or unreadable, since it was named: the rescan it caused finds out.
    }
    const folder = rel ? path.join(root, ...rel.split('/')) : root;
    const dirents = await fs.promises.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const dirent of dirents) {
      if (dirent.isDirectory() && !isIgnoredName(dirent.name)) await watchBelow(rel ? `${rel}/${dirent.name}` : dirent.name);
    }
  }

  // The root is watched before this returns (a failure throws, as fs.watch does); the folders
  // under it follow in the background, while the first read of the folder takes it as it is.
  watch('');
  void watchBelow('');
  return {
    get size() {
      return watchers.size;
    },
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
