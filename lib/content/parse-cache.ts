import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { site } from '@/lib/site';

import type { FileRecord } from './file-records';
import type { LoadResult } from './schema';

/**
 * Validated files, kept on disk between processes: a build loads the content in two processes
 * (collecting page data, then prerendering) and the server loads it again at start. Reading and
 * validating costs ~250 µs a file (100,000 articles: ~25 s); a file whose path, size and
 * modification time match an entry here is taken from it instead.
 *
 * The entries are only as good as the code that made them: next.config.ts stamps each build with
 * a hash of the parsing code (`CONTENT_PARSER_VERSION`), and the settings that change results are
 * part of the key. Without the stamp (tests, the content check run with tsx) there is no cache.
 */
export interface ParseCacheEntry {
  size: number;
  mtimeMs: number;
  result: LoadResult;
}

const FORMAT = 1;
/** Lines written or read at a time: bounds the memory a 100,000-article cache needs in one go. */
const BATCH = 2000;
const DATE_KEYS = new Set(['date', 'published', 'updated', 'breakingUntil', 'liveUntil']);

const hash = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** `<folder>-<code and settings>.jsonl`: one file a folder, replaced when the code changes. */
function cacheFile(root: string): string | undefined {
  const version = process.env.CONTENT_PARSER_VERSION;
  if (!version) return undefined;
  const folder = path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'content');
  return path.join(folder, `${hash(root)}-${hash([FORMAT, version, site])}.jsonl`);
}

function revive(key: string, value: unknown): unknown {
  return DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value;
}

/** The entries an earlier process saved for this folder, or none; never throws. */
export function readParseCache(root: string): Map<string, ParseCacheEntry> {
  const entries = new Map<string, ParseCacheEntry>();
  const file = cacheFile(root);
  if (!file) return entries;
  let fd: number;
  try {
    fd = fs.openSync(/* turbopackIgnore: true */ file, 'r');
  } catch {
    return entries;
  }
  try {
    const buffer = Buffer.alloc(8 * 1024 * 1024);
    const decoder = new TextDecoder();
    let rest = '';
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      const text = rest + decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line) continue;
        const [filePath, entry] = JSON.parse(line, revive) as [string, ParseCacheEntry];
        entries.set(filePath, entry);
      }
      if (read === 0) break;
    }
  } catch {
    // A cache from a crashed writer or another format: start from nothing.
    entries.clear();
  } finally {
    fs.closeSync(fd);
  }
  return entries;
}

/** Saves the entries for the next process (atomically: readers see the old file or the new). */
export function writeParseCache(root: string, entries: ReadonlyMap<string, FileRecord>): void {
  const file = cacheFile(root);
  if (!file) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(/* turbopackIgnore: true */ path.dirname(file), { recursive: true });
    const fd = fs.openSync(/* turbopackIgnore: true */ temporary, 'w');
    try {
      let batch: string[] = [];
      for (const entry of entries) {
        batch.push(JSON.stringify(entry));
        if (batch.length === BATCH) {
          fs.writeSync(fd, `${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) fs.writeSync(fd, `${batch.join('\n')}\n`);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(/* turbopackIgnore: true */ temporary, file);
    // What earlier code wrote for this folder can never be read again.
    const folder = path.dirname(file);
    const prefix = `${path.basename(file).split('-')[0]}-`;
    for (const name of fs.readdirSync(/* turbopackIgnore: true */ folder)) {
      if (name.startsWith(prefix) && name !== path.basename(file)) {
        fs.rmSync(/* turbopackIgnore: true */ path.join(folder, name), { force: true });
      }
    }
  } catch {
    // A read-only deployment: every process parses the folder itself, which is still correct.
    fs.rmSync(/* turbopackIgnore: true */ temporary, { force: true });
  }
}
