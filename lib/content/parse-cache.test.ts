import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getArticles } from './testing/process-queries';

let dir: string;
let cwd: string;

/** Forgets the in-process store, as a server restart would. */
function restart() {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.content-store')];
}

function write(name: string, title: string, date = '2024-01-01T09:00:00+09:00') {
  fs.writeFileSync(path.join(dir, name), `---\ntitle: ${title}\ndate: ${date}\n---\n본문\n`);
}

function cacheFiles(): string[] {
  const folder = path.join(cwd, '.next', 'cache', 'content');
  return fs.existsSync(folder) ? fs.readdirSync(folder).map((name) => path.join(folder, name)) : [];
}

/** Edits what the cache remembers (not the article files), to see whether a restart uses it. */
function tamperWithCache(from: string, to: string) {
  for (const file of cacheFiles()) {
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(from, to));
  }
}

const titles = () => getArticles().map((a) => a.title);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-cache-content-'));
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-cache-cwd-'));
  vi.spyOn(process, 'cwd').mockReturnValue(cwd);
  process.env.CONTENT_DIR = dir;
  process.env.CONTENT_PARSER_VERSION = 'code-1';
  restart();
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.CONTENT_DIR;
  delete process.env.CONTENT_PARSER_VERSION;
  restart();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(cwd, { recursive: true, force: true });
});

describe('parse cache on disk', () => {
  it('gives a restarted server the unchanged files, and rereads the changed ones', () => {
    write('a.md', '첫째 기사', '2024-01-02T09:00:00+09:00');
    write('b.md', '둘째 기사');
    expect(titles()).toEqual(['첫째 기사', '둘째 기사']);
    expect(cacheFiles()).toHaveLength(1);

    tamperWithCache('첫째 기사', '캐시의 기사');
    restart();
    expect(titles()).toEqual(['캐시의 기사', '둘째 기사']);

    write('b.md', '고친 둘째 기사');
    fs.utimesSync(path.join(dir, 'b.md'), new Date(), new Date(Date.now() - 60_000));
    restart();
    expect(titles()).toEqual(['캐시의 기사', '고친 둘째 기사']);
  });

  it('keeps dates as dates, corrections’ included', () => {
    write('a.md', '날짜 기사', '2024-03-05T10:20:00+09:00\ncorrections:\n  - date: 2024-03-06 09:00\n    text: 정정');
    getArticles();
    restart();
    const [article] = getArticles();
    expect(article?.published).toBeInstanceOf(Date);
    expect(article?.published.toISOString()).toBe('2024-03-05T01:20:00.000Z');
    expect(article?.corrections[0]?.date).toBeInstanceOf(Date);
    expect(article?.updated?.toISOString()).toBe('2024-03-06T00:00:00.000Z');
  });

  it('never reads what other code wrote, and replaces it', () => {
    write('a.md', '첫째 기사');
    getArticles();
    tamperWithCache('첫째 기사', '캐시의 기사');
    const [old] = cacheFiles();

    process.env.CONTENT_PARSER_VERSION = 'code-2';
    restart();
    expect(titles()).toEqual(['첫째 기사']);
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()).not.toContain(old);
  });

  it('ignores a damaged cache', () => {
    write('a.md', '첫째 기사');
    getArticles();
    for (const file of cacheFiles()) fs.writeFileSync(file, '["a.md", {"size": 1,\n');
    restart();
    expect(titles()).toEqual(['첫째 기사']);
  });

  it('is off without the build stamp (tests, the content check)', () => {
    delete process.env.CONTENT_PARSER_VERSION;
    write('a.md', '첫째 기사');
    expect(titles()).toEqual(['첫째 기사']);
    expect(cacheFiles()).toEqual([]);
  });
});
