import fs from 'node:fs';
import path from 'node:path';

import { getBodyFormat } from './schema';

/** Editors' and systems' leftovers that are never articles. */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('#') ||
    name.startsWith('~$') ||
    name.endsWith('~') ||
    /\.(swp|swo|swx|tmp|bak|orig|part|crdownload)$/i.test(name) ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini'
  );
}

export interface ContentEntry {
  /** Path relative to the content folder, with forward slashes. */
  path: string;
  absolute: string;
  kind: 'article' | 'other' | 'outside-link';
}

/**
 * Lists every file under the content folder, skipping hidden folders and editors' temporary files.
 * Symbolic links are followed only when they stay inside the folder.
 */
export function listContentFiles(root: string): ContentEntry[] {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return [];
  }
  const entries: ContentEntry[] = [];
  const walk = (dir: string, rel: string) => {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const dirent of dirents) {
      if (isIgnoredName(dirent.name)) continue;
      const absolute = path.join(dir, dirent.name);
      const relPath = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) {
        walk(absolute, relPath);
        continue;
      }
      let kind: ContentEntry['kind'] = getBodyFormat(dirent.name) ? 'article' : 'other';
      if (dirent.isSymbolicLink()) {
        try {
          const target = fs.realpathSync(absolute);
          if (!target.startsWith(realRoot + path.sep)) kind = 'outside-link';
          else if (!fs.statSync(target).isFile()) continue;
        } catch {
          kind = 'outside-link';
        }
      } else if (!dirent.isFile()) {
        continue;
      }
      entries.push({ path: relPath.normalize('NFC'), absolute, kind });
    }
  };
  walk(realRoot, '');
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The newest modification time of any folder under the content folder, itself included. Adding,
 * deleting or renaming a file changes its folder's time, so this (with the files' own times)
 * tells whether anything changed while no server was watching.
 */
export function getNewestFolderTime(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    try {
      newest = Math.max(newest, fs.statSync(dir).mtimeMs);
      for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
        if (dirent.isDirectory() && !isIgnoredName(dirent.name)) walk(path.join(dir, dirent.name));
      }
    } catch {
      // A folder removed while we looked: the next change check sees it.
    }
  };
  walk(root);
  return newest;
}
