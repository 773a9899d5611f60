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
  const top = listedFolder(start);
  const folders: ListedFolder[] = [top];
  let names = 0;
  for (let next = folders.pop(); next; next = folders.pop()) {
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(next.at[0], { withFileTypes: true });
    } catch {
      continue;
    }
    if ((names += dirents.length) > limit) return undefined;
    takeFolder(realRoot, next, dirents, folders);
  }
  return onePerPath(inPathOrder(top));
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
  const top = listedFolder([realRoot, '']);
  const folders: ListedFolder[] = [top];
  for (let next = folders.pop(); next; next = folders.pop()) {
    let dirents: fs.Dirent[];
    try {
      dirents = await fs.promises.readdir(next.at[0], { withFileTypes: true });
    } catch {
      continue;
    }
    takeFolder(realRoot, next, dirents, folders);
  }
  return onePerPathAsync(inPathOrder(top));
}

/** A folder to list: where it is, and its path under the content folder ('' for the folder itself). */
type Folder = [absolute: string, rel: string];

/** A folder as listed: what is in it, each under the key it sorts by among its neighbours. */
interface ListedFolder {
  at: Folder;
  /** Files and folders; a folder's key ends in `/`, so that its paths sort as whole paths do. */
  children: { key: string; entry?: ContentEntry; folder?: ListedFolder }[];
}

const listedFolder = (at: Folder): ListedFolder => ({ at, children: [] });

/** Sorts one folder's names into files and folders to list next, skipping leftovers. */
function takeFolder(realRoot: string, folder: ListedFolder, dirents: fs.Dirent[], folders: ListedFolder[]): void {
  const [dir, rel] = folder.at;
  for (const dirent of dirents) {
    if (isIgnoredName(dirent.name)) continue;
    const absolute = path.join(dir, dirent.name);
    const relPath = rel ? `${rel}/${dirent.name}` : dirent.name;
    const found = classify(realRoot, absolute, relPath, dirent);
    const key = dirent.name.normalize('NFC');
    if (found === 'directory') {
      const child = listedFolder([absolute, relPath]);
      folder.children.push({ key: `${key}/`, folder: child });
      folders.push(child);
    } else if (found) {
      folder.children.push({ key, entry: found });
    }
  }
  // Sorted as read, a folder at a time: the walk in inPathOrder then only follows the order.
  folder.children.sort(
    (a, b) => comparePaths(a.key, b.key) || (a.entry && b.entry ? compareTwins(a.entry, b.entry) : 0),
  );
}

/**
 * Every entry under `top` in path order, without sorting them all at once: each folder's names
 * are sorted as it is read (takeFolder; a folder's key ends in `/`, so `a-b.md` comes before
 * `a/…` as in a whole path), and folders are walked in that order. Sorting a million paths in one
 * go held the event loop 0.4 s at every look at the folder.
 */
function* inPathOrder(top: ListedFolder): Generator<ContentEntry> {
  const stack: [ListedFolder, number][] = [[top, 0]];
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const [folder, i] = frame;
    const child = folder.children[i];
    if (!child) {
      stack.pop();
      continue;
    }
    frame[1] = i + 1;
    if (child.entry) yield child.entry;
    else if (folder.children[i + 1]?.key !== child.key) stack.push([child.folder!, 0]);
    else {
      // Two folders whose names differ only in Unicode normalization hold the same paths:
      // their entries are sorted together, so that onePerPath keeps one of each.
      let j = i;
      const twins: ContentEntry[] = [];
      for (; folder.children[j]?.key === child.key; j += 1) twins.push(...inPathOrder(folder.children[j]!.folder!));
      yield* byPath(twins);
      frame[1] = j;
    }
  }
}

/**
 * Entries in path order, one per path. Two names that differ only in Unicode normalization (macOS
 * writes NFD, other systems NFC) are one path: the file whose name is already NFC is read, the
 * other never. Reading both would let them replace each other at every rescan: the content
 * changes, and the page cache is thrown away, with nothing edited.
 */
function* onePerPathOf(ordered: Iterable<ContentEntry>): Generator<ContentEntry> {
  let last: string | undefined;
  for (const entry of ordered) {
    if (entry.path !== last) yield entry;
    last = entry.path;
  }
}

const onePerPath = (ordered: Iterable<ContentEntry>): ContentEntry[] => [...onePerPathOf(ordered)];

/** onePerPath over a listing, with a pause for requests every so many entries. */
async function onePerPathAsync(ordered: Iterable<ContentEntry>): Promise<ContentEntry[]> {
  const out: ContentEntry[] = [];
  for (const entry of onePerPathOf(ordered)) {
    out.push(entry);
    if (out.length % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Of two entries of one path, the one whose name is already NFC first. */
function compareTwins(a: ContentEntry, b: ContentEntry): number {
  const isNfcName = (entry: ContentEntry) => entry.absolute.endsWith(entry.path);
  return Number(isNfcName(b)) - Number(isNfcName(a)) || comparePaths(a.absolute, b.absolute);
}

/** Sorts entries by path, twins as compareTwins says. */
function byPath(entries: ContentEntry[]): ContentEntry[] {
  return entries.sort((a, b) => comparePaths(a.path, b.path) || compareTwins(a, b));
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
