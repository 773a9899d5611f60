import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runtimeVersion } from '@/lib/runtime-version';

import { getContentStore } from './process-store';
import { getArticles } from './testing/process-queries';

let dir: string;
let data: string;

/** Stops the in-process store and forgets it, as a server restart would. */
function restart() {
  const holder = globalThis as Record<symbol, { close(): void } | undefined>;
  holder[Symbol.for('hangul-news.content-store')]?.close();
  delete holder[Symbol.for('hangul-news.content-store')];
}

function write(name: string, title: string, date = '2024-01-01T09:00:00+09:00') {
  fs.writeFileSync(path.join(dir, name), `---\ntitle: ${title}\ndate: ${date}\n---\n본문\n`);
}

function indexFiles(): string[] {
  const folder = path.join(data, 'content-index');
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.sqlite')) : [];
}

/** Edits what the index remembers (not the article files), to see whether a restart uses it. */
function tamperWithIndex(from: string, to: string) {
  for (const name of indexFiles()) {
    const db = new Database(path.join(data, 'content-index', name));
    db.prepare('UPDATE files SET result = replace(result, ?, ?)').run(from, to);
    db.close();
  }
}

/** A value the index keeps of itself (its instance, the parsing code that last read it whole). */
function indexMeta(key: string): string | undefined {
  const db = new Database(path.join(data, 'content-index', indexFiles()[0]!), { readonly: true });
  try {
    return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

/** What readers see once the server has read its folder (a built server reads it in the background). */
async function titles(): Promise<string[]> {
  await getContentStore().whenRead();
  return getArticles().map((a) => a.title);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-index-content-'));
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'content-index-data-'));
  process.env.CONTENT_DIR = dir;
  process.env.DATA_DIR = data;
  process.env.CONTENT_PARSER_VERSION = 'code-1';
  restart();
});

afterEach(() => {
  restart();
  delete process.env.CONTENT_DIR;
  delete process.env.DATA_DIR;
  delete process.env.CONTENT_PARSER_VERSION;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

describe('the content index on disk', () => {
  it('gives a restarted server the unchanged files, and rereads the changed ones', async () => {
    write('a.md', '첫째 기사', '2024-01-02T09:00:00+09:00');
    write('b.md', '둘째 기사');
    expect(await titles()).toEqual(['첫째 기사', '둘째 기사']);
    expect(indexFiles()).toHaveLength(1);

    restart();
    tamperWithIndex('첫째 기사', '색인의 기사');
    expect(await titles()).toEqual(['색인의 기사', '둘째 기사']);

    write('b.md', '고친 둘째 기사');
    fs.utimesSync(path.join(dir, 'b.md'), new Date(), new Date(Date.now() - 60_000));
    restart();
    expect(await titles()).toEqual(['색인의 기사', '고친 둘째 기사']);
  });

  it('answers at once from the index of the last run, and finds what changed while no server ran', async () => {
    write('a.md', '첫째 기사');
    write('b.md', '둘째 기사', '2024-01-02T09:00:00+09:00');
    expect(await titles()).toEqual(['둘째 기사', '첫째 기사']);
    restart();
    fs.rmSync(path.join(dir, 'b.md'));
    write('c.md', '셋째 기사', '2024-01-03T09:00:00+09:00');
    // The first request is answered before the folder is read again: from the index as it was.
    expect(getArticles().map((a) => a.title)).toEqual(['둘째 기사', '첫째 기사']);
    expect(getContentStore().isReading()).toBe(true);
    expect(await titles()).toEqual(['셋째 기사', '첫째 기사']);
    expect(getContentStore().isReading()).toBe(false);
  });

  it('keeps dates as dates, corrections’ included', async () => {
    write('a.md', '날짜 기사', '2024-03-05T10:20:00+09:00\ncorrections:\n  - date: 2024-03-06 09:00\n    text: 정정');
    await titles();
    restart();
    await titles();
    const [article] = getArticles();
    expect(article?.published).toBeInstanceOf(Date);
    expect(article?.published.toISOString()).toBe('2024-03-05T01:20:00.000Z');
    expect(article?.corrections[0]?.date).toBeInstanceOf(Date);
    expect(article?.updated?.toISOString()).toBe('2024-03-06T00:00:00.000Z');
  });

  it('serves what other parsing code read while it reads every file again, unchanged ones too', async () => {
    write('a.md', '첫째 기사');
    write('b.md', '둘째 기사', '2024-01-02T09:00:00+09:00');
    await titles();
    const instance = indexMeta('instance');
    restart();
    tamperWithIndex('첫째 기사', '색인의 기사');

    // A new build: its first answer is the index as the last build left it (no 404 for an
    // article it has not read yet), and its read replaces every row, the unchanged files' too.
    process.env.CONTENT_PARSER_VERSION = 'code-2';
    expect(getArticles().map((a) => a.title)).toEqual(['둘째 기사', '색인의 기사']);
    expect(getContentStore().isReading()).toBe(true);
    expect(await titles()).toEqual(['둘째 기사', '첫째 기사']);
    expect(indexMeta('instance')).toBe(instance);
    expect(indexMeta('parser')).toBe(`code-2:${runtimeVersion()}`);

    // Read again once: the next restart of the same build trusts unchanged files again.
    restart();
    tamperWithIndex('첫째 기사', '색인의 기사');
    expect(await titles()).toEqual(['둘째 기사', '색인의 기사']);
  });

  it('reads every file again at the next start of either build when a new build stopped before it had', async () => {
    write('a.md', '첫째 기사');
    await titles();
    restart();
    tamperWithIndex('첫째 기사', '색인의 기사');
    process.env.CONTENT_PARSER_VERSION = 'code-2';
    // Stopped at its first answer, before its read was done (a crash, a deploy rolled back).
    expect(getArticles().map((a) => a.title)).toEqual(['색인의 기사']);
    restart();
    expect(indexMeta('parser')).toBe('mixed');
    // The old build again: it cannot tell its own rows from the new build's, so it reads every file.
    process.env.CONTENT_PARSER_VERSION = 'code-1';
    expect(await titles()).toEqual(['첫째 기사']);
    expect(indexMeta('parser')).toBe(`code-1:${runtimeVersion()}`);
  });

  it('rebuilds an index of other settings rather than serve it (a smaller file limit)', async () => {
    write('a.md', '첫째 기사');
    await titles();
    const instance = indexMeta('instance');
    restart();
    tamperWithIndex('첫째 기사', '색인의 기사');
    const db = new Database(path.join(data, 'content-index', indexFiles()[0]!));
    db.prepare("UPDATE meta SET value = replace(value, '[', '[1,') WHERE key = 'fingerprint'").run();
    db.close();
    expect(getArticles().map((a) => a.title)).toEqual([]);
    expect(await titles()).toEqual(['첫째 기사']);
    expect(indexMeta('instance')).not.toBe(instance);
  });

  it('rebuilds a damaged index', async () => {
    write('a.md', '첫째 기사');
    await titles();
    restart();
    for (const name of indexFiles()) fs.writeFileSync(path.join(data, 'content-index', name), 'SQLite format 3\u0000 garbage');
    expect(await titles()).toEqual(['첫째 기사']);
  });

  it('stays in memory without the build stamp (tests, tools)', async () => {
    delete process.env.CONTENT_PARSER_VERSION;
    write('a.md', '첫째 기사');
    expect(await titles()).toEqual(['첫째 기사']);
    expect(getContentStore().getFileCount()).toBe(1);
    expect(indexFiles()).toEqual([]);
  });
});
