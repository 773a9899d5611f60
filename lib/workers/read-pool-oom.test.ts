import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it } from 'vitest';

import { listContentFiles } from '@/lib/content/files';

import { createReadPool, MAX_THREAD_FILE_BYTES, type ReadPool } from './read-pool';

// Found by the attack review (h-attack): Node 20 cannot always contain a worker's heap limit. A
// thread that reached its 512 MB through one large string (a 300 MB article under a
// CONTENT_MAX_BYTES set that high) aborted the whole process ("FATAL ERROR: Reached heap limit",
// nodejs/node#47224), and again at every start. Files above MAX_THREAD_FILE_BYTES are now loaded
// on the caller's thread, and a job holds at most that many bytes.
let pool: ReadPool | undefined;
let root: string | undefined;
afterEach(async () => {
  await pool?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A thread that records which files it was sent, and reads none of them. */
const RECORDING = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, ok: true,
  results: job.files.map((f) => ({ ok: true, page: f.entry.path, size: f.size })) }));
parentPort.postMessage('ready');`;

describe('read pool and files too large for a thread (CONTENT_MAX_BYTES set high)', () => {
  it('loads a large file on the calling thread and keeps each job within the thread budget', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-pool-large-'));
    fs.writeFileSync(path.join(root, 'a-small.md'), '---\ntitle: 작은 기사\ndate: 2024-01-01\n---\n본문');
    fs.writeFileSync(path.join(root, 'b-large.md'), `---\ntitle: 큰 기사\ndate: 2024-01-01\n---\n${'가'.repeat(MAX_THREAD_FILE_BYTES / 2)}`);
    const files = listContentFiles(root).map((entry) => ({ entry, size: fs.statSync(entry.absolute).size, mtimeMs: 1 }));
    // Many mid-sized files: together far over the budget, each under it.
    const mid = Math.floor(MAX_THREAD_FILE_BYTES / 3);
    const padding = Array.from({ length: 9 }, (_, i) => ({ entry: { path: `c-${i}.md`, absolute: `/x/c-${i}.md`, kind: 'article' as const }, size: mid, mtimeMs: 1 }));
    const jobs: { size: number }[][] = [];
    pool = createReadPool({
      size: 1,
      spawn: () => {
        const worker = new Worker(RECORDING, { eval: true });
        worker.on('message', (reply: { results?: { size: number }[] }) => reply.results && jobs.push(reply.results));
        return worker;
      },
    });
    const results = await pool.load([...files, ...padding], Date.now(), 64 * 1024 * 1024);
    // The large one was read here, whole, in its place; the small one went to a thread.
    const at = (name: string) => results[files.findIndex((file) => file.entry.path === name)];
    expect(at('b-large.md')).toMatchObject({ ok: true, article: { title: '큰 기사' } });
    expect(at('a-small.md')).toMatchObject({ ok: true, page: 'a-small.md' });
    expect(jobs.flat().some((file) => file.size > MAX_THREAD_FILE_BYTES)).toBe(false);
    expect(Math.max(...jobs.map((job) => job.reduce((sum, file) => sum + file.size, 0)))).toBeLessThanOrEqual(MAX_THREAD_FILE_BYTES);
    expect(results).toHaveLength(11);
  }, 60_000);
});
