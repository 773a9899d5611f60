import fs from 'node:fs';
import path from 'node:path';

import { getContentDir, site } from '@/lib/site';

import { CONTENT_CLOCK_KEY, type ContentClock } from './clock';
import {
  comparePaths,
  describeContentFile,
  getNewestFolderTime,
  listContentFiles,
  type ContentEntry,
} from './files';
import { parseFrontMatter, type ContentProblem } from './parse';
import { readParseCache, writeParseCache, type ParseCacheEntry } from './parse-cache';
import { toArticle, type ValidationResult } from './schema';
import type { Article, Category } from './types';

/** Everything known about the content folder at one moment; never mutated after it is built. */
export interface ContentSnapshot {
  /** Valid articles with unique slugs, newest first, drafts and scheduled ones included. */
  articles: readonly Article[];
  bySlug: ReadonlyMap<string, Article>;
  categories: ReadonlyMap<string, Category>;
  problems: readonly ContentProblem[];
  /** Every moment at which what readers see changes by itself (publish times, breaking ends), ascending. */
  boundaries: readonly number[];
  /** How many article files were read, broken ones included. */
  fileCount: number;
  version: number;
}

type CachedFile = ParseCacheEntry;

interface StoreState {
  root: string;
  files: Map<string, CachedFile>;
  snapshot?: ContentSnapshot;
  dirty: boolean;
  /** The paths the watcher named since the last read, or 'all' when any path may have changed. */
  touched: Set<string> | 'all';
  /** The folder's files as last listed, sorted by path, kept current path by path. */
  entries: ContentEntry[];
  version: number;
  /** When the set of files or any file's contents last changed (ms since epoch). */
  changedAt: number;
  logged: Set<string>;
  watcher?: fs.FSWatcher;
  timers: NodeJS.Timeout[];
  checkedAt: number;
  rechecking?: boolean;
}

/** Without a watcher (it failed, or the platform has none) the folder is re-checked this often. */
const POLL_MS = 2000;
/** Even with a watcher, re-check now and then: some file systems (network mounts) drop events. */
const SAFETY_RECHECK_MS = 15_000;
/** A file modified this recently may still be being written; wait for it to settle. */
const SETTLE_MS = 300;
/** More paths than this since the last read (a bulk copy, say): rescan instead. */
const MAX_TOUCHED = 1000;

function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

const STATE_KEY = Symbol.for('hangul-news.content-store');
type GlobalWithStore = typeof globalThis & { [STATE_KEY]?: StoreState; [CONTENT_CLOCK_KEY]?: ContentClock };

/**
 * One store per process, kept on globalThis: Next may load this module once per route bundle,
 * and every copy must share a single parse cache and a single file watcher.
 */
function getState(): StoreState {
  const holder = globalThis as GlobalWithStore;
  const root = getContentDir();
  let state = holder[STATE_KEY];
  if (!state || state.root !== root) {
    if (state) stopWatching(state);
    state = {
      root,
      files: new Map(),
      dirty: true,
      touched: 'all',
      entries: [],
      version: 0,
      changedAt: 0,
      logged: new Set(),
      timers: [],
      checkedAt: 0,
    };
    holder[STATE_KEY] = state;
    holder[CONTENT_CLOCK_KEY] = getStaleBefore;
    watch(state);
  }
  return state;
}

function stopWatching(state: StoreState): void {
  state.watcher?.close();
  state.watcher = undefined;
  for (const timer of state.timers) clearInterval(timer);
  state.timers = [];
}

/** Marks the snapshot out of date: at `paths` only, when the watcher named them; else anywhere. */
function markDirty(state: StoreState, paths?: readonly string[]): void {
  state.dirty = true;
  if (!paths || state.touched === 'all') {
    state.touched = 'all';
    return;
  }
  for (const touched of paths) state.touched.add(touched);
  if (state.touched.size > MAX_TOUCHED) state.touched = 'all';
}

/**
 * Why a watcher: requests must never rescan the folder while nothing changes. The watcher only
 * notes which paths changed; the next read re-stats those paths and reparses what changed.
 */
function watch(state: StoreState): void {
  if (isBuildPhase()) return;
  try {
    state.watcher = fs.watch(state.root, { recursive: true, persistent: false }, (_event, name) => {
      markDirty(state, name ? [name.split(path.sep).join('/')] : undefined);
    });
    state.watcher.on('error', () => {
      stopWatching(state);
      markDirty(state);
    });
    const recheck = setInterval(() => void recheckInBackground(state), SAFETY_RECHECK_MS);
    recheck.unref();
    state.timers.push(recheck);
  } catch {
    state.watcher = undefined;
  }
}

/**
 * Compares the folder with what was last read, using asynchronous stats that never hold up a
 * request, and marks the snapshot dirty only when something differs.
 */
async function recheckInBackground(state: StoreState): Promise<void> {
  if (state.dirty || state.rechecking) return;
  state.rechecking = true;
  try {
    const entries = listContentFiles(state.root).filter((entry) => entry.kind !== 'other');
    if (entries.length !== state.files.size) {
      markDirty(state);
      return;
    }
    for (let i = 0; i < entries.length; i += 200) {
      const stats = await Promise.all(
        entries.slice(i, i + 200).map((entry) => fs.promises.stat(entry.absolute).catch(() => undefined)),
      );
      for (const [j, stat] of stats.entries()) {
        const entry = entries[i + j];
        if (!isUnchanged(entry && state.files.get(entry.path), stat)) {
          markDirty(state);
          return;
        }
      }
    }
  } finally {
    state.rechecking = false;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fileProblem(path: string, message: string, line?: number, column?: number): ValidationResult {
  return { ok: false, problems: [{ file: path, line, column, severity: 'error', message }] };
}

/** Reads and validates one file; every failure becomes a located problem, never an exception. */
function loadFile(entry: ContentEntry, stat: fs.Stats, now: Date): ValidationResult {
  if (entry.kind === 'outside-link') {
    return fileProblem(entry.path, 'content 폴더 밖을 가리키는 링크는 읽지 않습니다');
  }
  if (stat.size > site.maxFileBytes) {
    return fileProblem(
      entry.path,
      `파일이 너무 큽니다: ${stat.size.toLocaleString('en-US')}바이트 (한도 ${site.maxFileBytes.toLocaleString('en-US')}바이트)`,
    );
  }
  let text: string;
  try {
    text = decoder.decode(fs.readFileSync(entry.absolute));
  } catch (error) {
    if (error instanceof TypeError) {
      return fileProblem(
        entry.path,
        'UTF-8 글자가 아닙니다 (EUC-KR 같은 옛 인코딩이면 UTF-8로 저장해 주세요)',
        1,
        1,
      );
    }
    return fileProblem(entry.path, `파일을 읽을 수 없습니다: ${(error as Error).message}`);
  }
  if (text.includes('\u0000')) {
    return fileProblem(entry.path, '글자 파일이 아닙니다 (NUL 바이트가 있습니다)', 1, 1);
  }
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ file: entry.path, severity: 'error', ...parsed.problem }] };
  }
  return toArticle(parsed.value, { path: entry.path, size: stat.size, mtimeMs: stat.mtimeMs }, now);
}

function isUnchanged(cached: CachedFile | undefined, stat: fs.Stats | undefined): boolean {
  return !!cached && !!stat && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs;
}

function compareArticles(a: Article, b: Article): number {
  const byDate = b.published.getTime() - a.published.getTime();
  if (byDate !== 0) return byDate;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * Brings one file's state up to date with its stat: unchanged, still being written (it keeps its
 * last good state until it settles), taken from the parse cache on disk, or parsed.
 */
function updateFile(
  state: StoreState,
  entry: ContentEntry,
  stat: fs.Stats,
  now: Date,
  live: boolean,
  saved?: ReadonlyMap<string, CachedFile>,
): 'unchanged' | 'settling' | 'reused' | 'parsed' {
  if (isUnchanged(state.files.get(entry.path), stat)) return 'unchanged';
  if (live && now.getTime() - stat.mtimeMs < SETTLE_MS) return 'settling';
  const fromDisk = saved?.get(entry.path);
  if (fromDisk && isUnchanged(fromDisk, stat)) {
    state.files.set(entry.path, fromDisk);
    return 'reused';
  }
  state.files.set(entry.path, { size: stat.size, mtimeMs: stat.mtimeMs, result: loadFile(entry, stat, now) });
  return 'parsed';
}

/**
 * Lists the folder, re-stats every file, reparses the changed ones, and reports whether anything
 * changed. The first read in a process takes unchanged files from the parse cache on disk, and
 * saves it if it had to parse any.
 */
function refreshFiles(state: StoreState, now: Date, live: boolean): boolean {
  state.entries = listContentFiles(state.root);
  const saved = live ? undefined : readParseCache(state.root);
  let parsed = 0;
  const seen = new Set<string>();
  let changed = false;
  let settling = false;
  for (const entry of state.entries) {
    if (entry.kind === 'other') continue;
    seen.add(entry.path);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry.absolute);
    } catch {
      continue;
    }
    const result = updateFile(state, entry, stat, now, live, saved);
    if (result === 'settling') settling = true;
    else if (result !== 'unchanged') changed = true;
    if (result === 'parsed') parsed += 1;
  }
  for (const path of state.files.keys()) {
    if (!seen.has(path)) {
      state.files.delete(path);
      changed = true;
    }
  }
  if (settling) setTimeout(() => markDirty(state), SETTLE_MS).unref();
  if (!live && parsed > 0) writeParseCache(state.root, state.files);
  return changed;
}

/** Where `path` is, or would go, in the sorted entries. */
function entryIndex(entries: readonly ContentEntry[], path: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePaths(entries[mid]?.path ?? '', path) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Re-stats only the paths the watcher named, so a change costs the same with 100 articles or
 * 100,000. Returns undefined, having changed nothing, when a folder was among them (added,
 * removed or renamed, or anything that held files): the caller then rescans the whole folder.
 */
function refreshTouched(state: StoreState, touched: ReadonlySet<string>, now: Date): boolean | undefined {
  const found: [string, ContentEntry | undefined][] = [];
  for (const name of touched) {
    const entry = describeContentFile(state.root, name);
    const key = name.normalize('NFC');
    const under = state.entries[entryIndex(state.entries, `${key}/`)];
    if (entry === 'directory' || under?.path.startsWith(`${key}/`)) return undefined;
    found.push([name, entry]);
  }
  let changed = false;
  const settling: string[] = [];
  const remove = (key: string) => {
    const at = entryIndex(state.entries, key);
    if (state.entries[at]?.path === key) {
      state.entries.splice(at, 1);
      state.files.delete(key);
      changed = true;
    }
  };
  for (const [name, entry] of found) {
    if (!entry) {
      remove(name.normalize('NFC'));
      continue;
    }
    const at = entryIndex(state.entries, entry.path);
    const known = state.entries[at];
    if (known?.path !== entry.path) {
      state.entries.splice(at, 0, entry);
      changed = true;
    } else if (known.kind !== entry.kind) {
      state.entries[at] = entry;
      state.files.delete(entry.path);
      changed = true;
    }
    if (entry.kind === 'other') continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry.absolute);
    } catch {
      remove(entry.path);
      continue;
    }
    const result = updateFile(state, entry, stat, now, true);
    if (result === 'settling') settling.push(name);
    else if (result !== 'unchanged') changed = true;
  }
  if (settling.length > 0) setTimeout(() => markDirty(state, settling), SETTLE_MS).unref();
  return changed;
}

function buildSnapshot(state: StoreState): ContentSnapshot {
  const { entries } = state;
  const problems: ContentProblem[] = [];
  const valid: Article[] = [];
  for (const entry of entries) {
    if (entry.kind === 'other') {
      problems.push({
        file: entry.path,
        severity: 'warning',
        message: '기사 파일이 아니어서 건너뜁니다 (.md, .markdown, .html, .htm만 기사로 읽습니다)',
      });
      continue;
    }
    const cached = state.files.get(entry.path);
    if (!cached) continue;
    if (cached.result.ok) {
      valid.push(cached.result.article);
      problems.push(...cached.result.warnings);
    } else {
      problems.push(...cached.result.problems);
    }
  }

  const slugGroups = new Map<string, Article[]>();
  for (const article of valid) {
    const group = slugGroups.get(article.slug);
    if (group) group.push(article);
    else slugGroups.set(article.slug, [article]);
  }

  const categories = new Map<string, Category>();
  const articles: Article[] = [];
  for (const [slug, group] of slugGroups) {
    if (group.length > 1) {
      const paths = group.map((a) => a.source.path);
      for (const article of group) {
        const others = paths.filter((p) => p !== article.source.path).join(', ');
        problems.push({
          file: article.source.path,
          line: 1,
          severity: 'error',
          message: `slug "${slug}"를 다른 파일도 씁니다: ${others} (두 파일 모두 게시하지 않습니다)`,
        });
      }
      continue;
    }
    const [article] = group;
    if (!article) continue;
    const canonical = article.categories.map((category) => {
      const known = categories.get(category.slug);
      if (known) return known;
      categories.set(category.slug, category);
      return category;
    });
    articles.push({ ...article, categories: canonical });
  }
  articles.sort(compareArticles);

  if (state.logged.size > 10_000) state.logged.clear();
  for (const problem of problems) {
    const line = formatProblem(problem);
    if (problem.severity === 'error' && !state.logged.has(line)) {
      state.logged.add(line);
      reportProblem(line);
    }
  }

  const boundaries = articles
    .flatMap((a) => [a.published.getTime(), a.breakingUntil?.getTime() ?? 0])
    .filter((t) => t > 0)
    .sort((a, b) => a - b);

  state.version += 1;
  return {
    articles,
    bySlug: new Map(articles.map((a) => [a.slug, a])),
    categories,
    problems,
    boundaries,
    fileCount: entries.filter((entry) => entry.kind !== 'other').length,
    version: state.version,
  };
}

let reportProblem = (line: string) => console.error(`[content] ${line}`);

/** Where the server logs each content error once; the content check prints them itself instead. */
export function setProblemReporter(reporter: (line: string) => void): void {
  reportProblem = reporter;
}

/**
 * Whether the rendered-page cache in .next/ was filled from this content folder. The same build
 * may serve any folder (CONTENT_DIR); a marker file remembers the last one, best effort.
 */
function isSameFolderAsCache(root: string): boolean {
  const marker = path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'content-folder');
  let previous: string | undefined;
  try {
    previous = fs.readFileSync(marker, 'utf8');
  } catch {
    previous = undefined;
  }
  if (previous === root) return true;
  try {
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, root);
  } catch {
    // A read-only deployment: every start re-renders each page once, which is still correct.
  }
  return false;
}

/** Formats a problem the way compilers do: `path:line:column: severity: message`. */
export function formatProblem(problem: ContentProblem): string {
  const where = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${problem.severity}: ${problem.message}`;
}

/** The current content snapshot; rebuilt only after the watcher saw a change (or with no watcher). */
export function getSnapshot(): ContentSnapshot {
  const state = getState();
  const now = Date.now();
  const stalePoll = !state.watcher && !isBuildPhase() && now - state.checkedAt > POLL_MS;
  if (!state.snapshot || state.dirty || stalePoll) {
    const { touched } = state;
    state.dirty = false;
    state.touched = new Set();
    state.checkedAt = now;
    // Settling applies to live edits; the first read takes the folder as it is.
    const live = state.snapshot !== undefined;
    const changed =
      (live && state.watcher && touched !== 'all' ? refreshTouched(state, touched, new Date(now)) : undefined) ??
      refreshFiles(state, new Date(now), live);
    if (!state.snapshot) {
      // Pages cached by an earlier process are stale if they came from another content folder,
      // or if anything in this one changed while no server watched it.
      let newest = getNewestFolderTime(state.root);
      for (const file of state.files.values()) newest = Math.max(newest, file.mtimeMs);
      state.changedAt = isSameFolderAsCache(state.root) ? newest : now;
      state.snapshot = buildSnapshot(state);
    } else if (changed) {
      state.changedAt = now;
      state.snapshot = buildSnapshot(state);
    }
  }
  return state.snapshot;
}

/**
 * The moment before which any rendered page may be out of date: the last change to the folder, or
 * the last publish time or breaking end that has passed, whichever is later.
 */
export function getStaleBefore(now: number = Date.now()): number {
  const snapshot = getSnapshot();
  const state = getState();
  const passed = countPassedBoundaries(snapshot.boundaries, now);
  return Math.max(state.changedAt, passed > 0 ? (snapshot.boundaries[passed - 1] ?? 0) : 0);
}

/**
 * How many of the snapshot's boundaries (publish times, breaking ends) are at or before `at`.
 * Between two boundaries nothing a reader sees changes by itself.
 */
export function countPassedBoundaries(boundaries: readonly number[], at: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((boundaries[mid] ?? 0) <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Starts watching the content folder at server start, before the first request needs it. */
export function startContentWatch(): void {
  getSnapshot();
}
