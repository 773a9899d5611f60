import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { listContentFiles } from '@/lib/content/files';
import { loadFile } from '@/lib/content/load-file';
import { toDocument, toSearchFields } from '@/lib/search/article-words';
import { toSearchText } from '@/lib/search/text';

import { createReadPool, type FileToLoad, type ReadPool } from './read-pool';
import { ThreadsUnavailable } from './thread-queue';

let pool: ReadPool | undefined;
const folders: string[] = [];
afterEach(async () => {
  await pool?.close();
  pool = undefined;
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 11, 1);
const MAX_BYTES = 64 * 1024;

function toLoad(root: string): FileToLoad[] {
  return listContentFiles(root).map((entry) => {
    const stat = fs.statSync(entry.absolute);
    return { entry, size: stat.size, mtimeMs: stat.mtimeMs };
  });
}

/** A thread that answers every job with one result a file, and exits when asked to read `crash.md`. */
const CRASHING = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.files.some((file) => file.entry.path === 'crash.md')) process.exit(3);
  parentPort.postMessage({ id: job.id, ok: true, results: job.files.map((file) => ({ ok: true, page: file.entry.path })) });
});
parentPort.postMessage('ready');`;

describe('createReadPool', () => {
  it('reads every file on its threads as the event loop would, hostile files included', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-pool-'));
    folders.push(root);
    fs.cpSync(path.join(import.meta.dirname, '../../content'), root, { recursive: true });
    fs.writeFileSync(path.join(root, 'big.md'), `---\ntitle: 큰 파일\n---\n${'가'.repeat(MAX_BYTES)}`);
    fs.writeFileSync(path.join(root, 'euc-kr.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc7, 0xd1, 0xb1, 0xdb]));
    fs.writeFileSync(path.join(root, 'nul.md'), '---\ntitle: a\u0000b\n---\n');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i += 1) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    fs.writeFileSync(path.join(root, 'bomb.md'), `---\ntitle: 폭탄\n${bomb.join('\n')}\n---\n본문`);
    fs.writeFileSync(path.join(root, 'broken.md'), '---\ntitle: [닫히지 않은\n---\n본문');
    const files = toLoad(root);
    expect(files.length).toBeGreaterThan(30);

    pool = createReadPool({ size: 2 });
    const results = await pool.load(files, NOW, MAX_BYTES);
    const expected = files.map((file) => loadFile(file.entry, file, new Date(NOW), { maxFileBytes: MAX_BYTES }));
    expect(results).toEqual(expected);
    // The hostile files are errors naming themselves; the articles beside them read whole.
    const failed = results.flatMap((result) => (result.ok ? [] : result.problems.map((p) => p.file)));
    expect(failed).toEqual(expect.arrayContaining(['big.md', 'euc-kr.md', 'nul.md', 'bomb.md', 'broken.md']));
    expect(results.filter((result) => result.ok && 'article' in result).length).toBeGreaterThan(10);
  }, 60_000);

  it('takes bodies’ words as the event loop would', async () => {
    pool = createReadPool({ size: 2 });
    const bodies = [
      { source: '<p>검색할 <b>낱말</b></p><script>x</script>', format: 'html' as const },
      { source: '**굵은** [링크](https://example.com) 낱말', format: 'markdown' as const },
      { source: '', format: 'markdown' as const },
    ];
    await expect(pool.texts(bodies)).resolves.toEqual(bodies.map((body) => ({ text: toSearchText(body.source, body.format) })));
    // With the article's other fields, its index document too: the same as the writer would make.
    const fields = { title: '거대언어모델 발표', excerpt: '요약', categories: ['경제'], tags: ['반도체'] };
    const [words] = await pool.texts([{ ...bodies[0]!, fields }]);
    expect(words?.document).toBe(toDocument({ ...fields, body: toSearchText(bodies[0]!.source, 'html') }));
    expect(words?.document).toContain('언어모델');
  }, 60_000);

  it('hands each article it read, with its words, to the listener while one is set (a first start’s search index)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-pool-words-'));
    folders.push(root);
    const write = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text);
    write('a.md', '---\ntitle: 반도체 수출\ndate: 2026-11-20\ntags: [경제]\n---\n\n## 배경\n\n**첫** 문단');
    write('b.html', '---\ntitle: 두 번째\ndate: 2026-11-21\n---\n<h2>소제목</h2><p>본문</p>');
    write('draft.md', '---\ntitle: 초안\ndate: 2026-11-20\ndraft: true\n---\n\n초안 본문');
    // Scheduled: left to the catch-up (one sharing a published article's slug would replace it).
    write('later.md', '---\ntitle: 예약\ndate: 2027-01-01\n---\n\n예약 본문');
    // Heavy bodies' words come from the render workers, with their time budgets, not from here.
    write('heavy.md', `---\ntitle: 무거운 글\ndate: 2026-11-20\n---\n\n${'긴 문단 '.repeat(4000)}`);
    write('broken.md', '---\ntitle: [닫히지 않은\n---\n본문');
    write('_site.yml', 'name: 사이트\n');
    const files = toLoad(root);
    pool = createReadPool({ size: 2 });
    const handed: { slug: string; text: string; document?: string }[] = [];
    pool.onArticlesRead((read) => handed.push(...read.map(({ article, words }) => ({ slug: article.slug, ...words }))));

    const results = await pool.load(files, NOW, MAX_BYTES);
    // The results are what they are without a listener.
    expect(results).toEqual(files.map((file) => loadFile(file.entry, file, new Date(NOW), { maxFileBytes: MAX_BYTES })));
    const read = results.flatMap((result) => (result.ok && 'article' in result ? [result.article.slug] : []));
    expect(read.sort()).toEqual(['a', 'b', 'draft', 'heavy', 'later']);
    expect(handed.map((item) => item.slug).sort()).toEqual(['a', 'b']);
    for (const result of results) {
      if (!result.ok || !('article' in result) || !['a', 'b'].includes(result.article.slug)) continue;
      const { article } = result;
      const text = toSearchText(article.body, article.format);
      expect(handed.find((item) => item.slug === article.slug)).toEqual({
        slug: article.slug,
        text,
        document: toDocument(toSearchFields(article, text)),
      });
    }

    // Without a listener the threads take no words; a listener that throws loses its words, not the files.
    pool.onArticlesRead(undefined);
    await pool.load(files, NOW, MAX_BYTES);
    expect(handed).toHaveLength(2);
    pool.onArticlesRead(() => {
      throw new Error('듣는 쪽 오류');
    });
    await expect(pool.load(files, NOW, MAX_BYTES)).resolves.toEqual(results);
  }, 60_000);

  it('gives the file that stopped its thread an error, and reads its neighbours', async () => {
    pool = createReadPool({ size: 1, spawn: () => new Worker(CRASHING, { eval: true }) });
    const entry = (name: string) => ({ entry: { path: name, absolute: `/x/${name}`, kind: 'article' as const }, size: 1, mtimeMs: 1 });
    const names = ['a.md', 'b.md', 'crash.md', 'c.md'];
    const results = await pool.load(names.map(entry), NOW, MAX_BYTES);
    expect(results.map((result) => (result.ok ? 'ok' : result.problems[0]?.file))).toEqual(['ok', 'ok', 'crash.md', 'ok']);
    const problem = results[2]?.ok === false ? results[2].problems[0]?.message : '';
    expect(problem).toContain('파일을 읽다가 작업이 멈췄습니다');
    // The pool keeps working after it.
    await expect(pool.load([entry('d.md')], NOW, MAX_BYTES)).resolves.toEqual([{ ok: true, page: 'd.md' }]);
  }, 60_000);

  it('says it cannot run when no thread starts (a broken build), rather than failing every file', async () => {
    pool = createReadPool({ size: 2, spawn: () => new Worker('throw new Error("청크가 없습니다")', { eval: true }) });
    const files = Array.from({ length: 60 }, (_, i) => ({ entry: { path: `${i}.md`, absolute: `/x/${i}.md`, kind: 'article' as const }, size: 1, mtimeMs: 1 }));
    await expect(pool.load(files, NOW, MAX_BYTES)).rejects.toBeInstanceOf(ThreadsUnavailable);
  }, 60_000);

  it('stops a thread that has idled, and starts one again for the next job', async () => {
    let started = 0;
    pool = createReadPool({ size: 1, idleMs: 50, spawn: () => ((started += 1), new Worker(CRASHING, { eval: true })) });
    const file = { entry: { path: 'a.md', absolute: '/x/a.md', kind: 'article' as const }, size: 1, mtimeMs: 1 };
    await pool.load([file], NOW, MAX_BYTES);
    await pool.load([file], NOW, MAX_BYTES);
    expect(started).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(pool.load([file], NOW, MAX_BYTES)).resolves.toEqual([{ ok: true, page: 'a.md' }]);
    expect(started).toBe(2);
  }, 60_000);

  // Next bundles this module into more than one chunk: with a module variable, the content store
  // read through one pool and the search index listened to another, which never read a file.
  it('is one pool for the process, however many copies of this module are loaded', async () => {
    const first = await import('./read-pool');
    vi.resetModules();
    const second = await import('./read-pool');
    expect(second).not.toBe(first);
    expect(second.getReadPool()).toBe(first.getReadPool());
    pool = first.getReadPool();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.read-pool')];
  });

  it('refuses a size that is no count of threads', () => {
    expect(() => createReadPool({ size: 0 })).toThrow(/size는 1 이상의 정수/);
    expect(() => createReadPool({ size: 1.5 })).toThrow(/size는 1 이상의 정수/);
  });
});
