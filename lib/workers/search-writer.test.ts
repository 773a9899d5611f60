import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { isCorruptIndex, openSearchIndex, type IndexedArticle } from '@/lib/search/disk-index';

import { ThreadsUnavailable } from './thread-queue';
import { createSearchWriter, type SearchWriter } from './search-writer';
import { sourceWorker } from './source-worker';

let dir: string;
let writer: SearchWriter | undefined;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-writer-'));
});
afterEach(async () => {
  await writer?.close();
  writer = undefined;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** A new index file, created as the server's search module creates it before any write. */
function freshIndexFile(): string {
  const file = path.join(dir, `index-${(files += 1)}.sqlite`);
  openSearchIndex(file).close();
  return file;
}

const NOW = new Date('2026-12-01T00:00:00Z');
const article = (i: number, body = `본문 ${i}번째 반도체 수출`): IndexedArticle => ({
  slug: `a-${i}`,
  sourceKey: `k-${i}`,
  title: `기사 ${i} 소버린 AI`,
  excerpt: `요약 ${i}`,
  categories: ['경제'],
  tags: ['반도체'],
  body,
  published: new Date(NOW.getTime() - i * 60_000),
  draft: false,
});

/** A stand-in thread: `script` runs with parentPort in scope. */
const fakeThread = (script: string) => () =>
  new Worker(`const { parentPort } = require('node:worker_threads');\n${script}`, { eval: true });

describe('createSearchWriter', () => {
  it('writes from its thread what this thread then reads, in the order asked', async () => {
    const file = freshIndexFile();
    writer = createSearchWriter(file);
    const articles = Array.from({ length: 250 }, (_, i) => article(i));
    await writer.putMany(articles.slice(0, 120));
    await writer.putMany(articles.slice(120));
    await writer.remove(['a-3', 'a-4', 'a-unknown']);
    await writer.setVersion('store#7');

    const index = openSearchIndex(file);
    try {
      expect(index.getVersion()).toBe('store#7');
      expect(index.size()).toBe(248);
      expect(index.isCurrent('a-10', 'k-10')).toBe(true);
      expect(index.isCurrent('a-3', 'k-3')).toBe(false);
      const found = index.search(['반도체'], NOW);
      expect(found.total).toBe(248);
      // Newest first, as a write on this thread orders them.
      expect(found.hits.slice(0, 3).map((hit) => hit.slug)).toEqual(['a-0', 'a-1', 'a-2']);
    } finally {
      index.close();
    }
  });

  it('writes a huge article and a batch of articles sharing one publish time', async () => {
    const file = freshIndexFile();
    writer = createSearchWriter(file);
    const same = Array.from({ length: 300 }, (_, i) => ({ ...article(i), published: NOW }));
    await writer.putMany(same);
    await writer.putMany([{ ...article(999, `${'가나다 '.repeat(400_000)}끝말`), published: NOW }]);
    const index = openSearchIndex(file);
    try {
      expect(index.size()).toBe(301);
      expect(index.search(['끝말'], NOW).hits.map((hit) => hit.slug)).toEqual(['a-999']);
      // Slug order within the millisecond: a-0, a-1, a-10, a-100 …
      expect(index.search(['소버린'], NOW).hits.slice(0, 3).map((hit) => hit.slug)).toEqual(['a-0', 'a-1', 'a-10']);
    } finally {
      index.close();
    }
  });

  it('reports a damaged file as SQLite reports it, so the index is rebuilt', async () => {
    writer = createSearchWriter(freshIndexFile(), {
      spawn: fakeThread(`parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, ok: false, message: 'database disk image is malformed', code: 'SQLITE_CORRUPT' }));
parentPort.postMessage('ready');`),
    });
    const error = await writer.putMany([article(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isCorruptIndex((error as Error).cause)).toBe(true);
  });

  it('fails the job a thread stopped on, and gives the next job a new thread', async () => {
    let spawned = 0;
    writer = createSearchWriter(freshIndexFile(), {
      spawn: () => {
        spawned += 1;
        return fakeThread(`parentPort.on('message', (job) => {
  if (job.op === 'remove') process.exit(3);
  parentPort.postMessage({ id: job.id, ok: true });
});
parentPort.postMessage('ready');`)();
      },
    });
    await writer.putMany([article(1)]);
    const stopped = await writer.remove(['a-1']).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(Error);
    expect(stopped).not.toBeInstanceOf(ThreadsUnavailable);
    expect((stopped as Error).message).toContain('종료 코드 3');
    await writer.setVersion('v');
    expect(spawned).toBe(2);
  });

  it('says it is unavailable when its thread cannot start, failing everything waiting', async () => {
    writer = createSearchWriter(freshIndexFile(), { spawn: fakeThread('process.exit(1);') });
    const results = await Promise.allSettled([writer.putMany([article(1)]), writer.setVersion('v')]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ThreadsUnavailable);
    }
  });

  it('refuses work once closed, and fails what was waiting', async () => {
    writer = createSearchWriter(freshIndexFile(), {
      // A thread that never answers: the job stays in hand until the writer is closed.
      spawn: fakeThread(`parentPort.on('message', () => {});\nparentPort.postMessage('ready');`),
    });
    const waiting = writer.putMany([article(1)]).catch((e: unknown) => e);
    const queued = writer.setVersion('v').catch((e: unknown) => e);
    await writer.close();
    expect(await waiting).toBeInstanceOf(ThreadsUnavailable);
    expect(await queued).toBeInstanceOf(ThreadsUnavailable);
    await expect(writer.putMany([article(2)])).rejects.toBeInstanceOf(ThreadsUnavailable);
  });

  it('stops its thread when idle and starts another for the next write', async () => {
    let spawned = 0;
    const file = freshIndexFile();
    writer = createSearchWriter(file, {
      idleMs: 50,
      spawn: () => {
        spawned += 1;
        return sourceWorker(import.meta.resolve('./search-writer-worker.ts'));
      },
    });
    await writer.putMany([article(1)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await writer.putMany([article(2)]);
    expect(spawned).toBe(2);
    const index = openSearchIndex(file);
    try {
      expect(index.size()).toBe(2);
    } finally {
      index.close();
    }
  });
});
