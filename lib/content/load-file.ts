import fs from 'node:fs';

import type { ContentEntry } from './files';
import { withoutControlCharacters } from './format/control-characters';
import { parseFrontMatter } from './parse';
import { toArticle, toPage, type LoadResult } from './schema';
import { toLiveUpdate } from './live-update';
import { toReporter } from './reporter-profile';
import { toSeries } from './series-file';
import { toSiteIdentity } from './site-identity';
import type { ArticleSource } from './types';

export interface LoadOptions {
  /** Larger files are refused rather than read. */
  maxFileBytes: number;
}

/** What a stat says that reading a file needs. */
export type FileStat = Pick<fs.Stats, 'size' | 'mtimeMs'>;

/** A file to load, with what its stat said. */
export type FileToLoad = { entry: ContentEntry } & FileStat;

/**
 * Loads files as loadFile does, elsewhere than on the event loop (lib/workers/read-pool.ts: on the
 * machine's other cores); each result in the order asked. A file that cannot be read there gets
 * an error result like any unreadable file; the promise rejects only when the loader cannot run
 * at all, and the caller then loads on its own thread.
 */
export interface FileLoader {
  load(files: readonly FileToLoad[], now: number, maxFileBytes: number): Promise<LoadResult[]>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fileProblem(path: string, message: string, line?: number, column?: number): LoadResult {
  return { ok: false, problems: [{ file: path, line, column, severity: 'error', message }] };
}

/** The first `limit` bytes of a file, or all of it if shorter, read through one descriptor. */
function readAtMost(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = Math.min(fs.fstatSync(fd).size, limit);
    // A file growing as it is read: what the descriptor holds now, up to the limit.
    const buffer = Buffer.allocUnsafe(Math.min(limit, size + 64 * 1024));
    let read = 0;
    for (let n = -1; n !== 0 && read < buffer.length; read += n) n = fs.readSync(fd, buffer, read, buffer.length - read, read);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads and validates one file; every failure becomes a located problem, never an exception. */
export function loadFile(entry: ContentEntry, stat: FileStat, now: Date, options: LoadOptions): LoadResult {
  if (entry.kind === 'outside-link') {
    return fileProblem(entry.path, 'content 폴더 밖을 가리키는 링크는 읽지 않습니다');
  }
  if (entry.kind === 'photo') {
    // Photos are judged by their bytes where their variants are made (lib/media), never here.
    const photo = { path: entry.path, absolute: entry.absolute, size: stat.size, mtimeMs: stat.mtimeMs };
    return { ok: true, photo, warnings: [] };
  }
  const tooLarge = (size: number) =>
    fileProblem(
      entry.path,
      `파일이 너무 큽니다: ${size.toLocaleString('en-US')}바이트 (한도 ${options.maxFileBytes.toLocaleString('en-US')}바이트)`,
    );
  if (stat.size > options.maxFileBytes) return tooLarge(stat.size);
  let raw: string;
  try {
    // The limit holds for the bytes read, not only for the stat taken before (a file may grow in
    // between: an editor's save in progress, or a batch stat'ed before its turn on a read thread).
    const bytes = readAtMost(entry.absolute, options.maxFileBytes + 1);
    if (bytes.length > options.maxFileBytes) return tooLarge(fs.statSync(entry.absolute).size);
    raw = decoder.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) {
      return fileProblem(entry.path, 'UTF-8 글자가 아닙니다 (EUC-KR 같은 옛 인코딩이면 UTF-8로 저장해 주세요)', 1, 1);
    }
    return fileProblem(entry.path, `파일을 읽을 수 없습니다: ${(error as Error).message}`);
  }
  if (raw.includes('\u0000')) {
    return fileProblem(entry.path, '글자 파일이 아닙니다 (NUL 바이트가 있습니다)', 1, 1);
  }
  const { text, warning } = withoutControlCharacters(entry.path, raw);
  const result = readText(entry, text, { path: entry.path, size: stat.size, mtimeMs: stat.mtimeMs }, now);
  if (warning && result.ok) result.warnings.unshift(warning);
  return result;
}

/** One text file's kind of content, from text already free of control characters. */
function readText(entry: ContentEntry, text: string, source: ArticleSource, now: Date): LoadResult {
  if (entry.kind === 'site') return toSiteIdentity(text, source);
  if (entry.kind === 'reporter') return toReporter(text, source);
  if (entry.kind === 'series') return toSeries(text, source);
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ file: entry.path, severity: 'error', ...parsed.problem }] };
  }
  if (entry.kind === 'page') return toPage(parsed.value, source);
  if (entry.kind === 'live-update') return toLiveUpdate(parsed.value, source);
  return toArticle(parsed.value, source, now);
}
