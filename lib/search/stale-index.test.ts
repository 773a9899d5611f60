import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openSearchIndex } from './disk-index';

// A search index left by another content store (a data folder copied between servers, a content
// index rebuilt beside a search index kept): it is gone over whole, and what the content no longer
// has leaves it. A first build into an empty index skips that last look (nothing in it can be gone).
const setup = vi.hoisted(() => ({ file: '' }));
vi.mock('@/lib/content/process-store', async (original) => {
  const store = await original<typeof import('@/lib/content/process-store')>();
  return { ...store, getSearchIndexFile: () => setup.file };
});

const { getViewAt } = await import('@/lib/content');
const { search, isSearchCaughtUp } = await import('./index');

let dir: string;
const now = new Date('2026-11-27T00:00:00Z');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-stale-'));
  setup.file = path.join(dir, 'data', 'search.sqlite');
  process.env.CONTENT_DIR = path.join(dir, 'content');
  fs.mkdirSync(process.env.CONTENT_DIR);
  for (const [name, title] of [['kept', '반도체 수출 회복'], ['edited', '반도체 새 제목']]) {
    fs.writeFileSync(path.join(process.env.CONTENT_DIR, `${name}.md`), `---\ntitle: ${title}\ndate: 2026-11-20\n---\n\n본문\n`);
  }
  // What the other store had indexed: an article since deleted, and one since edited.
  const index = openSearchIndex(setup.file);
  const old = (slug: string, title: string) => ({
    slug, title, sourceKey: `${slug}.md\u00000\u00000`, published: new Date('2026-11-01'), categories: [], tags: [], body: '본문',
  });
  index.putMany([old('deleted', '반도체 옛 기사'), old('edited', '반도체 옛 제목')]);
  index.setVersion('another-store#7');
  index.close();
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a search index from another content store', () => {
  it('is brought to this content: a deleted article leaves it, an edited one is indexed as it is now', async () => {
    await search(getViewAt(now), '반도체');
    await vi.waitFor(() => expect(isSearchCaughtUp(getViewAt(now))).toBe(true), { timeout: 20_000 });
    const found = await search(getViewAt(now), '반도체');
    expect(found.partial).toBe(false);
    expect(found.hits.map((hit) => hit.article.slug).sort()).toEqual(['edited', 'kept']);
    expect(found.total).toBe(2);
    expect((await search(getViewAt(now), '옛')).total).toBe(0);
  }, 30_000);
});
