import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// One server's first start, as lib/content and the bodies' words report it: the content is being
// read until the test says it has been, and the first index build is held (bodies' words do not
// come) until the test lets it go, to stand for a build that takes minutes.
const start = vi.hoisted(() => {
  const state = { reading: true, finishRead: () => {}, releaseTexts: () => {}, read: Promise.resolve(), texts: Promise.resolve() };
  state.read = new Promise<void>((resolve) => {
    state.finishRead = () => {
      state.reading = false;
      resolve();
    };
  });
  state.texts = new Promise<void>((resolve) => (state.releaseTexts = resolve));
  return state;
});
vi.mock('@/lib/content', async (original) => ({
  ...(await original<typeof import('@/lib/content')>()),
  isReadingContent: () => start.reading,
  whenContentRead: () => start.read,
}));
vi.mock('./text', async (original) => {
  const text = await original<typeof import('./text')>();
  return {
    ...text,
    getSearchTexts: async (...args: Parameters<typeof text.getSearchTexts>) => {
      await start.texts;
      return text.getSearchTexts(...args);
    },
  };
});

const { getViewAt } = await import('@/lib/content');
const { search, isSearchCaughtUp } = await import('./index');

let dir: string;
const now = new Date('2026-11-27T00:00:00Z');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-first-build-'));
  process.env.CONTENT_DIR = dir;
  fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: 반도체 수출 역대 최대\ndate: 2026-11-20\n---\n\n본문\n');
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

// The steps of one first start, in order.
describe('the search index at a first start', () => {
  it('waits for the content to be read, answering at once meanwhile and saying it is not whole', async () => {
    const started = performance.now();
    const during = await search(getViewAt(now), '반도체');
    // Not the first build's wait: nothing is being built while the content is read.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(during).toMatchObject({ hits: [], partial: true });
    expect(isSearchCaughtUp(getViewAt(now))).toBe(false);
  });

  // Found by the attack review (h-attack): once the read ended, every search waited 20 s while the
  // index was built (about a minute at 100,000 articles, ten at a million); now FIRST_BUILD_MS, 3 s.
  it('answers within a few seconds while the first index is built, saying it is not whole', async () => {
    expect((await search(getViewAt(now), '반도체')).partial).toBe(true);
    start.finishRead();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const during = await search(getViewAt(now), '반도체');
    expect(during.partial).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  }, 40_000);

  it('is whole once built', async () => {
    start.releaseTexts();
    await vi.waitFor(() => expect(isSearchCaughtUp(getViewAt(now))).toBe(true), { timeout: 20_000 });
    const after = await search(getViewAt(now), '반도체');
    expect(after.partial).toBe(false);
    expect(after.hits.map((hit) => hit.article.title)).toEqual(['반도체 수출 역대 최대']);
  }, 30_000);
});
