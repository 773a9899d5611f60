import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The server's first start, as lib/content reports it: reading, until the test says it has read.
const reading = vi.hoisted(() => {
  let finish = () => {};
  const state = { now: true, done: new Promise<void>((resolve) => (finish = resolve)), finish: () => {} };
  state.finish = () => {
    state.now = false;
    finish();
  };
  return state;
});
vi.mock('@/lib/content', async (original) => ({
  ...(await original<typeof import('@/lib/content')>()),
  isReadingContent: () => reading.now,
  whenContentRead: () => reading.done,
}));

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

describe('the search index at a first start', () => {
  it('waits for the content to be read, answering at once meanwhile and saying it is not whole', async () => {
    const started = performance.now();
    const during = await search(getViewAt(now), '반도체');
    // Not the first build's 20 s wait: nothing is being built while the content is read.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(during).toMatchObject({ hits: [], partial: true });
    expect(isSearchCaughtUp(getViewAt(now))).toBe(false);

    reading.finish();
    await vi.waitFor(() => expect(isSearchCaughtUp(getViewAt(now))).toBe(true), { timeout: 20_000 });
    const after = await search(getViewAt(now), '반도체');
    expect(after.partial).toBe(false);
    expect(after.hits.map((hit) => hit.article.title)).toEqual(['반도체 수출 역대 최대']);
  }, 30_000);
});
