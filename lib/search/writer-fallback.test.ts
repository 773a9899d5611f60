import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A built server's search module (an index file, read threads), whose writer thread cannot start:
// the first build is written on the server's own thread instead, whole, with one log line.
const setup = vi.hoisted(() => ({ file: '', spawned: 0 }));
vi.mock('@/lib/content/process-store', async (original) => {
  const store = await original<typeof import('@/lib/content/process-store')>();
  const { toBodyWords } = await import('./text');
  return {
    ...store,
    getSearchIndexFile: () => setup.file,
    getReadThreads: () => ({ texts: async (bodies: Parameters<typeof toBodyWords>[0][]) => bodies.map(toBodyWords) }),
  };
});
vi.mock('@/lib/workers/search-writer', async (original) => {
  const writer = await original<typeof import('@/lib/workers/search-writer')>();
  const { Worker } = await import('node:worker_threads');
  return {
    ...writer,
    createSearchWriter: (file: string) => {
      setup.spawned += 1;
      // A thread that exits before it says it is ready (its chunk missing from a broken build).
      return writer.createSearchWriter(file, { spawn: () => new Worker('process.exit(1);', { eval: true }) });
    },
  };
});

const { getViewAt } = await import('@/lib/content');
const { search, isSearchCaughtUp } = await import('./index');

let dir: string;
const now = new Date('2026-11-27T00:00:00Z');
// Enough for the writer thread (WRITER_FROM in ./index.ts).
const ARTICLES = 1000;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-writer-fallback-'));
  setup.file = path.join(dir, 'data', 'search.sqlite');
  process.env.CONTENT_DIR = path.join(dir, 'content');
  fs.mkdirSync(process.env.CONTENT_DIR);
  for (let i = 0; i < ARTICLES; i += 1) {
    fs.writeFileSync(
      path.join(process.env.CONTENT_DIR, `a-${i}.md`),
      `---\ntitle: 반도체 수출 ${i}\ndate: 2026-11-${String(1 + (i % 20)).padStart(2, '0')}\n---\n\n본문 ${i}\n`,
    );
  }
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a search index whose writer thread cannot start', () => {
  it('is built whole on the server thread, with one log line', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await search(getViewAt(now), '반도체');
      await vi.waitFor(() => expect(isSearchCaughtUp(getViewAt(now))).toBe(true), { timeout: 20_000 });
      const found = await search(getViewAt(now), '반도체');
      expect(found).toMatchObject({ total: ARTICLES, partial: false });
      expect(setup.spawned).toBe(1);
      const said = errors.mock.calls.map((call) => String(call[0]));
      expect(said.filter((line) => line.includes('검색 색인 쓰기 스레드를 쓸 수 없어'))).toHaveLength(1);
    } finally {
      errors.mockRestore();
    }
  }, 30_000);
});
