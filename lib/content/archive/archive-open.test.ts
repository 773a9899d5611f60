import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import type { SourceFile } from '../snapshot';
import type { Article } from '../types';

import { openArchive, type Archive } from './archive';
import { SCHEMA_VERSION } from './tables';
import { toSourceFile } from './test-support';

const folders: string[] = [];
const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 0, 15, 12);

function tempFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-open-'));
  folders.push(folder);
  return path.join(folder, 'index.sqlite');
}

function open(file: string, fingerprint = 'f1'): Archive {
  const archive = openArchive({ file, fingerprint });
  opened.push(archive);
  return archive;
}

function close(archive: Archive): void {
  archive.close();
  opened.splice(opened.indexOf(archive), 1);
}

/** `n` valid articles, each its own file. */
function articles(n: number, prefix = 'a'): SourceFile[] {
  return Array.from({ length: n }, (_, i) =>
    toSourceFile(`${prefix}/${i}.md`, `---\ntitle: 기사 ${i}\ndate: 2025-01-0${1 + (i % 9)}\ncategories: [경제]\n---\n\n본문 ${i}\n`, new Date(NOW)),
  );
}

describe('opening the index', () => {
  it('keeps what was applied across a reopen, with the version and the change counter', () => {
    const file = tempFile();
    const first = open(file);
    expect(first.rebuilt).toBe(true);
    first.apply({ upserts: articles(3), removals: [], version: 'abc123' });
    close(first);
    const again = open(file);
    expect(again.rebuilt).toBe(false);
    expect(again.count({ now: NOW })).toBe(3);
    expect(again.getVersion()).toBe('abc123');
    expect(again.changeCounter()).toBe(1);
    expect([...again.files()].map((f) => f.path)).toEqual(['a/0.md', 'a/1.md', 'a/2.md']);
  });

  it('starts afresh (rebuilt) when the fingerprint or the schema version differs', () => {
    const file = tempFile();
    const first = open(file);
    first.apply({ upserts: articles(2), removals: [] });
    close(first);
    const other = open(file, 'f2');
    expect(other.rebuilt).toBe(true);
    expect(other.count({ now: NOW })).toBe(0);
    other.apply({ upserts: articles(2), removals: [] });
    close(other);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const newer = open(file, 'f2');
    expect(newer.rebuilt).toBe(true);
    expect(newer.count({ now: NOW })).toBe(0);
  });

  it.each([
    ['random bytes', (file: string) => fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)))],
    ['a truncated file', (file: string) => fs.truncateSync(file, 3000)],
    ['a damaged page', (file: string) => {
      const bytes = fs.readFileSync(file);
      bytes.fill(0x5a, 4096 * 3, 4096 * 6);
      fs.writeFileSync(file, bytes);
    }],
    ['an empty file', (file: string) => fs.writeFileSync(file, '')],
  ])('starts afresh from %s, without throwing', (_name, damage) => {
    const file = tempFile();
    const first = open(file);
    first.apply({ upserts: articles(200), removals: [] });
    close(first);
    damage(file);
    const again = open(file);
    expect(again.rebuilt).toBe(true);
    again.apply({ upserts: articles(2), removals: [] });
    expect(again.list({ now: NOW, limit: 10 }).map((a) => a.slug)).toEqual(['1', '0']);
  });

  it('says in Korean what to do when its folder cannot be made or written', () => {
    const file = tempFile();
    // A folder under a plain file cannot be made, whoever runs the test (root included).
    fs.writeFileSync(file, 'not a folder');
    expect(() => openArchive({ file: path.join(file, 'index.sqlite'), fingerprint: 'f' })).toThrow(/쓸 수 없습니다.*DATA_DIR/);
  });
});

describe('a process killed in the middle of an apply', () => {
  it('leaves the state before that apply, whole, never half of it', async () => {
    const file = tempFile();
    const modules = {
      archive: path.resolve('lib/content/archive/archive.ts'),
      support: path.resolve('lib/content/archive/test-support.ts'),
    };
    // The child applies 10 articles, then one change of 30,000 (a rename of the 10 included),
    // announcing it; it is killed while that transaction runs.
    const script = `
      import { openArchive } from ${JSON.stringify(modules.archive)};
      import { toSourceFile } from ${JSON.stringify(modules.support)};
      const archive = openArchive({ file: ${JSON.stringify(file)}, fingerprint: 'crash' });
      const make = (p, i) => toSourceFile(p, '---\\ntitle: 기사 ' + i + '\\ndate: 2025-01-01\\ntags: [가, 나, 다]\\n---\\n\\n' + '본문 '.repeat(200), new Date());
      const base = Array.from({ length: 10 }, (_, i) => make('old/' + i + '.md', i));
      archive.apply({ upserts: base, removals: [] });
      const one = make('new/x.md', 0);
      const upserts = Array.from({ length: 30000 }, (_, i) => ({
        ...one,
        entry: { ...one.entry, path: 'new/' + i + '.md' },
        result: { ...one.result, article: { ...one.result.article, slug: 'n' + i, source: { ...one.result.article.source, path: 'new/' + i + '.md' } } },
      }));
      process.stdout.write('applying\\n');
      archive.apply({ upserts, removals: base.map((f) => f.entry.path) });
      process.stdout.write('done\\n');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('applying')) setTimeout(() => resolve(), 400);
      });
      child.on('exit', () => reject(new Error(`the child ended before it was killed: ${output} ${errors}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(output).not.toContain('done');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const archive = open(file, 'crash');
    expect(archive.rebuilt).toBe(false);
    expect(archive.count({ now: NOW })).toBe(10);
    expect(archive.list({ now: NOW, limit: 100 })).toHaveLength(10);
    expect(archive.terms('tag', NOW).map((t) => t.count)).toEqual([10, 10, 10]);
    expect([...archive.files()]).toHaveLength(10);
    expect(archive.changeCounter()).toBe(1);
    // And the next apply works on it.
    archive.apply({ upserts: articles(11, 'later').slice(10), removals: [] });
    expect(archive.count({ now: NOW })).toBe(11);
  }, 60_000);
});

describe('hostile input', () => {
  function withArticle(base: SourceFile, path: string, change: (article: Article) => Article): SourceFile {
    const result = base.result;
    if (!result?.ok || !('article' in result)) throw new Error('not an article', { cause: base });
    const article = change({ ...result.article, source: { ...result.article.source, path } });
    return { entry: { ...base.entry, path }, result: { ...result, article } };
  }

  it('stores and answers a 1 MB title, 10,000 tags, slugs with NUL or SQL, and dates at the ends of time', () => {
    const archive = open(tempFile());
    const [base] = articles(1);
    if (!base) throw new Error('no article');
    const tags = Array.from({ length: 10_000 }, (_, i) => ({ name: `태그 ${i}`, slug: `tag-${i}` }));
    const files = [
      withArticle(base, 'h/title.md', (a) => ({ ...a, slug: 'big', title: '가'.repeat(1_000_000) })),
      withArticle(base, 'h/tags.md', (a) => ({ ...a, slug: 'tags', tags })),
      withArticle(base, 'h/nul.md', (a) => ({ ...a, slug: 'a\u0000b' })),
      withArticle(base, 'h/sql.md', (a) => ({ ...a, slug: "x'); DROP TABLE articles; --", categories: [{ name: "'", slug: "' OR 1=1 --" }] })),
      withArticle(base, 'h/first.md', (a) => ({ ...a, slug: 'first', published: new Date(-8.64e15) })),
      withArticle(base, 'h/last.md', (a) => ({ ...a, slug: 'last', published: new Date(8.64e15), breakingUntil: new Date(8.64e15) })),
      withArticle(base, 'h/nan.md', (a) => ({ ...a, slug: 'nan', published: new Date(Number.NaN) })),
    ];
    archive.apply({ upserts: files, removals: [] });
    expect(archive.articleBySlug('big', NOW)?.title).toHaveLength(1_000_000);
    expect(archive.articleBySlug('tags', NOW)?.tags).toHaveLength(10_000);
    expect(archive.count({ now: NOW, taxonomy: 'tag', term: 'tag-9999' })).toBe(1);
    expect(archive.terms('tag', NOW)).toHaveLength(10_000);
    expect(archive.articleBySlug('a\u0000b', NOW)?.slug).toBe('a\u0000b');
    expect(archive.articleBySlug('a', NOW)).toBeUndefined();
    expect(archive.articleBySlug("x'); DROP TABLE articles; --", NOW)?.categories).toEqual([{ name: "'", slug: "' OR 1=1 --" }]);
    expect(archive.list({ now: NOW, limit: 10, taxonomy: 'category', term: "' OR 1=1 --" })).toHaveLength(1);
    expect(archive.articleBySlug('first', NOW)?.published.getTime()).toBe(-8.64e15);
    expect(archive.articleBySlug('last', NOW)).toBeUndefined();
    expect(archive.articleBySlug('last', 8.64e15)?.slug).toBe('last');
    expect(archive.nextBoundary(NOW)).toBe(8.64e15);
    expect(archive.list({ now: NOW, limit: 100 }).at(-1)?.slug).toBe('first');
    // An impossible date is stored as the epoch, as an undated article is ordered.
    expect(archive.articleBySlug('nan', NOW)).toBeDefined();
    expect(archive.count({ now: NOW })).toBe(6);
    archive.apply({ upserts: [], removals: files.map((f) => f.entry.path) });
    expect(archive.terms('tag', NOW)).toEqual([]);
    expect(archive.count({ now: NOW })).toBe(0);
  });

  it('ignores made-up slugs and terms without growing anything', () => {
    const archive = open(tempFile());
    archive.apply({ upserts: articles(3), removals: [] });
    for (let i = 0; i < 2000; i += 1) {
      expect(archive.articleBySlug(`made-up-${i}`, NOW)).toBeUndefined();
      expect(archive.redirect(`made-up-${i}`, NOW)).toBeUndefined();
      expect(archive.term('tag', `made-up-${i}`, NOW)).toBeUndefined();
      expect(archive.list({ now: NOW, limit: 20, taxonomy: 'category', term: `made-up-${i}` })).toEqual([]);
    }
    expect(archive.list({ now: NOW, limit: -5, offset: -3 })).toEqual([]);
    expect(archive.list({ now: NOW, limit: 2, offset: 1e12 })).toEqual([]);
  });
});
