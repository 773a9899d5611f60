/**
 * In-memory content files for the archive's tests: each read by the same functions the folder
 * source uses (lib/content/load-file.ts), without a disk.
 */
import type { ContentEntry } from '../files';
import { REPORTER_FILE, SERIES_FILE, SITE_FILE, PAGES_FOLDER } from '../files';
import { isPhotoFileName } from '../image-ref';
import { LIVE_FOLDER_SUFFIX, toLiveUpdate } from '../live-update';
import { parseFrontMatter } from '../parse';
import { toReporter } from '../reporter-profile';
import { toSeries } from '../series-file';
import { getBodyFormat } from '../format/extensions';
import { toArticle, toPage, type LoadResult } from '../schema';
import { toSiteIdentity } from '../site-identity';
import type { SourceFile } from '../snapshot';

/** The kind lib/content/files.ts gives a path (no links here). */
export function kindOf(path: string): ContentEntry['kind'] {
  if (path === SITE_FILE) return 'site';
  if (REPORTER_FILE.test(path)) return 'reporter';
  if (SERIES_FILE.test(path)) return 'series';
  if (isPhotoFileName(path)) return 'photo';
  if (!getBodyFormat(path.split('/').pop() ?? path)) return 'other';
  if (path.startsWith(`${PAGES_FOLDER}/`)) return 'page';
  if (path.split('/').slice(0, -1).join('/').endsWith(LIVE_FOLDER_SUFFIX)) return 'live-update';
  return 'article';
}

/** One file as the folder source would hand it over, read at `now` (which only decides warnings). */
export function toSourceFile(path: string, text: string, now: Date, mtimeMs = 1000): SourceFile & { size: number; mtimeMs: number } {
  const entry: ContentEntry = { path, absolute: `/content/${path}`, kind: kindOf(path) };
  const size = Buffer.byteLength(text);
  const source = { path, size, mtimeMs };
  let result: LoadResult | undefined;
  if (entry.kind === 'photo') result = { ok: true, photo: { path, absolute: entry.absolute, size, mtimeMs }, warnings: [] };
  else if (entry.kind === 'site') result = toSiteIdentity(text, source);
  else if (entry.kind === 'reporter') result = toReporter(text, source);
  else if (entry.kind === 'series') result = toSeries(text, source);
  else if (entry.kind !== 'other') {
    const parsed = parseFrontMatter(text);
    if (!parsed.ok) result = { ok: false, problems: [{ file: path, severity: 'error', ...parsed.problem }] };
    else if (entry.kind === 'page') result = toPage(parsed.value, source);
    else if (entry.kind === 'live-update') result = toLiveUpdate(parsed.value, source);
    else result = toArticle(parsed.value, source, now);
  }
  return { entry, result, size, mtimeMs };
}

/** Sorts files as a content source lists them (path order). */
export function inPathOrder<T extends SourceFile>(files: Iterable<T>): T[] {
  return [...files].sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0));
}
