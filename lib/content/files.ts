import fs from 'node:fs';
import path from 'node:path';

import { getBodyFormat } from './format/extensions';
import { isPhotoFileName } from './image-ref';
import { LIVE_FOLDER_SUFFIX } from './live-update';

/** The publication's identity: name, legal masthead, contacts (see docs/writing-articles.md). */
export const SITE_FILE = '_site.yml';

/** Reporters' profiles: `_reporters/<id>.yml`, the id being the file name. */
export const REPORTER_FILE = /^_reporters\/[^/]+\.ya?ml$/;

/** Series' names and descriptions: `_series/<id>.yml`, the id being the file name. */
export const SERIES_FILE = /^_series\/[^/]+\.ya?ml$/;

/** The folder whose Markdown and HTML files are pages at the top level, not articles. */
export const PAGES_FOLDER = '_pages';

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
  /** `page`: a file under `_pages/`, a page that is not an article (/about, /ethics …). */
  /** `site`: the publication's identity file, `_site.yml` at the top of the folder. */
  /** `reporter`: a profile, `_reporters/<id>.yml`. */
  /** `series`: a series' name and description, `_series/<id>.yml`. */
  /** `live-update`: an update of live coverage, in a `<article file name>.live/` folder. */
  /** `photo`: an image file, published as variants (lib/media) and referred to by articles. */
  kind: 'article' | 'page' | 'site' | 'reporter' | 'series' | 'live-update' | 'photo' | 'other' | 'outside-link';
}

/** What a directory entry or a stat says about one name: enough to classify it. */
interface FileKind {
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFile(): boolean;
}

/**
 * Classifies one name under the content folder: an entry, a directory, or nothing to read (not a
 * file, or a link to something that is not). Links are followed only when they stay inside.
 */
function classify(
  realRoot: string,
  absolute: string,
  relPath: string,
  info: FileKind,
): ContentEntry | 'directory' | undefined {
  if (info.isDirectory()) return 'directory';
  const readable = !!getBodyFormat(path.basename(absolute));
  let kind: ContentEntry['kind'] =
    relPath === SITE_FILE
      ? 'site'
      : REPORTER_FILE.test(relPath)
        ? 'reporter'
        : SERIES_FILE.test(relPath)
          ? 'series'
          : isPhotoFileName(relPath)
          ? 'photo'
          : !readable
          ? 'other'
          : relPath.startsWith(`${PAGES_FOLDER}/`)
            ? 'page'
            : path.posix.dirname(relPath).endsWith(LIVE_FOLDER_SUFFIX)
              ? 'live-update'
              : 'article';
  if (info.isSymbolicLink()) {
    try {
      const target = fs.realpathSync(absolute);
      if (!target.startsWith(realRoot + path.sep)) kind = 'outside-link';
      else if (!fs.statSync(target).isFile()) return undefined;
    } catch {
      kind = 'outside-link';
    }
  } else if (!info.isFile()) {
    return undefined;
  }
  return { path: relPath.normalize('NFC'), absolute, kind };
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
  return listFrom(realRoot, [realRoot, ''], Infinity) ?? [];
}

/**
 * The files under one folder of the content folder (`rel`, its path there), as listContentFiles
 * lists them; undefined when it holds more than `limit` files and folders, or is no folder to list.
 */
export function listContentFolder(root: string, rel: string, limit: number): ContentEntry[] | undefined {
  if (rel.split('/').some(isIgnoredName)) return [];
  try {
    const realRoot = fs.realpathSync(root);
    const absolute = path.join(realRoot, rel);
    if (classify(realRoot, absolute, rel, fs.lstatSync(absolute)) !== 'directory') return undefined;
    return listFrom(realRoot, [absolute, rel], limit);
  } catch {
    return undefined;
  }
}

/** Lists `start` and every folder under it, one directory read at a time; undefined past `limit` names. */
function listFrom(realRoot: string, start: Folder, limit: number): ContentEntry[] | undefined {
  const entries: ContentEntry[] = [];
  const folders: Folder[] = [start];
  let names = 0;
  for (let next = folders.pop(); next; next = folders.pop()) {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(next[0], { withFileTypes: true });
    } catch {
      continue;
    }
    if ((names += dirents.length) > limit) return undefined;
    takeFolder(realRoot, next, dirents, entries, folders);
  }
  return onePerPath(entries);
}

/**
 * listContentFiles without holding the event loop: one directory read at a time, asynchronously,
 * so a server lists an archive of a million files while it answers requests.
 */
export async function listContentFilesAsync(root: string): Promise<ContentEntry[]> {
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(root);
  } catch {
    return [];
  }
  const entries: ContentEntry[] = [];
  const folders: Folder[] = [[realRoot, '']];
  for (let next = folders.pop(); next; next = folders.pop()) {
    let dirents: fs.Dirent[];
    try {
      dirents = await fs.promises.readdir(next[0], { withFileTypes: true });
    } catch {
      continue;
    }
    takeFolder(realRoot, next, dirents, entries, folders);
  }
  return onePerPath(entries);
}

/** A folder to list: where it is, and its path under the content folder ('' for the folder itself). */
type Folder = [absolute: string, rel: string];

/** Sorts one folder's names into files (`entries`) and folders to list next, skipping leftovers. */
function takeFolder(realRoot: string, [dir, rel]: Folder, dirents: fs.Dirent[], entries: ContentEntry[], folders: Folder[]): void {
  for (const dirent of dirents) {
    if (isIgnoredName(dirent.name)) continue;
    const absolute = path.join(dir, dirent.name);
    const relPath = rel ? `${rel}/${dirent.name}` : dirent.name;
    const found = classify(realRoot, absolute, relPath, dirent);
    if (found === 'directory') folders.push([absolute, relPath]);
    else if (found) entries.push(found);
  }
}

/**
 * Sorts entries by path, keeping one file per path. Two names that differ only in Unicode
 * normalization (macOS writes NFD, other systems NFC) are one path: the file whose name is
 * already NFC is read, the other never. Reading both would let them replace each other at every
 * rescan: the content changes, and the page cache is thrown away, with nothing edited.
 */
function onePerPath(entries: ContentEntry[]): ContentEntry[] {
  const isNfcName = (entry: ContentEntry) => entry.absolute.endsWith(entry.path);
  entries.sort(
    (a, b) =>
      comparePaths(a.path, b.path) || Number(isNfcName(b)) - Number(isNfcName(a)) || comparePaths(a.absolute, b.absolute),
  );
  return entries.filter((entry, i) => entries[i - 1]?.path !== entry.path);
}

export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One path the watcher named, classified as listContentFiles would: its entry, a directory, or
 * `undefined` when there is nothing there to read (gone, hidden, a temporary file).
 */
export function describeContentFile(
  root: string,
  relPath: string,
): ContentEntry | 'directory' | undefined {
  if (relPath.split('/').some(isIgnoredName)) return undefined;
  try {
    const realRoot = fs.realpathSync(root);
    const absolute = path.join(realRoot, relPath);
    return classify(realRoot, absolute, relPath, fs.lstatSync(absolute));
  } catch {
    return undefined;
  }
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
