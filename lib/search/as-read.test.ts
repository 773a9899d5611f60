import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Article } from '@/lib/content';
import { listContentFiles } from '@/lib/content/files';
import { createReadPool, type ReadPool } from '@/lib/workers/read-pool';

// A first start of a built server: its read threads hand each article they read, with its words,
// to the search index as the content is read (indexAsRead), and the catch-up after the read reads
// back only what they did not write, or what changed since. The content read is the test's: it
// loads the folder through the pool while the store says it is reading.
const setup = vi.hoisted(() => {
  const state = {
    file: '',
    pool: undefined as ReadPool | undefined,
    reading: true,
    finishRead: () => {},
    read: Promise.resolve(),
    /** Slugs whose body words the catch-up took (read back from the content), in order. */
    readBack: [] as string[],
  };
  state.read = new Promise<void>((resolve) => {
    state.finishRead = () => {
      state.reading = false;
      resolve();
    };
  });
  return state;
});
vi.mock('@/lib/content/process-store', async (original) => ({
  ...(await original<typeof import('@/lib/content/process-store')>()),
  getSearchIndexFile: () => setup.file,
  getReadThreads: () => setup.pool,
}));
vi.mock('@/lib/content', async (original) => ({
  ...(await original<typeof import('@/lib/content')>()),
  isReadingContent: () => setup.reading,
  whenContentRead: () => setup.read,
}));
vi.mock('./text', async (original) => {
  const text = await original<typeof import('./text')>();
  return {
    ...text,
    getSearchTexts: async (articles: readonly Article[], ...rest: unknown[]) => {
      setup.readBack.push(...articles.map((article) => article.slug));
      return text.getSearchTexts(articles, ...(rest as [undefined]));
    },
  };
});

const { getViewAt } = await import('@/lib/content');
const { search, isSearchCaughtUp } = await import('./index');

let dir: string;
const now = new Date('2026-11-27T00:00:00Z');
const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2026-11-20\n---\n\n${body}\n`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-as-read-'));
  setup.file = path.join(dir, 'data', 'search.sqlite');
  process.env.CONTENT_DIR = path.join(dir, 'content');
  fs.mkdirSync(process.env.CONTENT_DIR);
  const write = (name: string, text: string) => fs.writeFileSync(path.join(process.env.CONTENT_DIR!, name), text);
  write('kept.md', article('반도체 수출 회복', '## 배경\n\n**수출**은 늘었다'));
  write('edited.md', article('반도체 옛 제목', '본문'));
  write('deleted.md', article('반도체 지운 기사', '본문'));
  // One tag spelled two ways: the site names it as the first file does, so the second file's
  // entry, written as read under its own spelling, is made again (second attack review).
  write('tag-first.md', `---\ntitle: 반도체 첫 태그\ndate: 2026-11-20\ntags: [삼성전자]\n---\n\n본문\n`);
  write('tag-second.md', `---\ntitle: 반도체 둘째 태그\ndate: 2026-11-20\ntags: [삼성.전자]\n---\n\n본문\n`);
  // Over 16 KB: its words come from the render workers, never from the read threads.
  write('heavy.md', article('반도체 긴 기사', '긴 문단 '.repeat(4000)));
  setup.pool = createReadPool({ size: 1 });
});

afterAll(async () => {
  await setup.pool?.close();
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a first start’s search index, written as the content is read', () => {
  it('writes what the read threads read, and reads back only what they did not write or what changed since', async () => {
    // The first search starts the first build: it waits for the read, taking the read's articles.
    expect((await search(getViewAt(now), '반도체')).partial).toBe(true);
    const root = process.env.CONTENT_DIR!;
    const files = listContentFiles(root).map((entry) => {
      const stat = fs.statSync(entry.absolute);
      return { entry, size: stat.size, mtimeMs: stat.mtimeMs };
    });
    const results = await setup.pool!.load(files, now.getTime(), 1024 * 1024);
    expect(results.every((result) => result.ok)).toBe(true);
    // Changed after the read threads read them: one edited (its index entry is of the old file),
    // one deleted (its entry is of no file).
    fs.writeFileSync(path.join(root, 'edited.md'), article('반도체 새 제목', '고친 본문'));
    fs.rmSync(path.join(root, 'deleted.md'));
    setup.finishRead();

    await vi.waitFor(() => expect(isSearchCaughtUp(getViewAt(now))).toBe(true), { timeout: 30_000 });
    // Read back: the heavy one (not written as read), the edited one and the one whose tag goes by
    // another spelling; the kept one was not.
    expect(setup.readBack.sort()).toEqual(['edited', 'heavy', 'tag-second']);
    const found = await search(getViewAt(now), '반도체');
    expect(found.partial).toBe(false);
    expect(found.hits.map((hit) => hit.article.slug).sort()).toEqual(['edited', 'heavy', 'kept', 'tag-first', 'tag-second']);
    // The tag's name as the site gives it: its compound's parts find both articles.
    expect((await search(getViewAt(now), '성전자')).hits.map((hit) => hit.article.slug).sort()).toEqual(['tag-first', 'tag-second']);
    expect((await search(getViewAt(now), '옛')).total).toBe(0);
    expect((await search(getViewAt(now), '지운')).total).toBe(0);
    // The words written as read are the article's: the first word of the paragraph under a heading.
    expect((await search(getViewAt(now), '수출은')).hits.map((hit) => hit.article.slug)).toEqual(['kept']);
  }, 60_000);
});
