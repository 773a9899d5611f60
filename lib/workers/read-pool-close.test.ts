import { Worker } from 'node:worker_threads';

import { describe, expect, it } from 'vitest';

import { createReadPool } from './read-pool';

// Found by the attack review (h-attack): close() rejected the jobs in flight and waiting with a plain Error, which
// load() takes for "a thread died on one of these files" and retries each file alone — on new
// threads, started after close. A closed pool keeps reading (here 2 threads more, 100 files one
// job each) and load() resolves as if nothing happened. The server never closes its pool; tests
// and tools that do leak threads and work past their end.
// Now a closed pool refuses with ThreadsUnavailable, which load()'s retry passes through.
const SLOW_ECHO = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => setTimeout(() => parentPort.postMessage({ id: job.id, ok: true,
  results: job.files.map((f) => ({ ok: true, page: f.entry.path })) }), 200));
parentPort.postMessage('ready');`;

describe('a read pool closed while it reads', () => {
  it('starts no thread after close and does not go on reading', async () => {
    let spawned = 0;
    const pool = createReadPool({ size: 2, spawn: () => ((spawned += 1), new Worker(SLOW_ECHO, { eval: true })) });
    const files = Array.from({ length: 100 }, (_, i) => ({
      entry: { path: `${i}.md`, absolute: `/x/${i}.md`, kind: 'article' as const },
      size: 1,
      mtimeMs: 1,
    }));
    const loading = pool.load(files, Date.now(), 1_000_000).then(
      (results) => results.filter((result) => result.ok).length,
      () => 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    const threadsAtClose = spawned;
    expect(await loading).toBe(0);
    expect(spawned).toBe(threadsAtClose);
  }, 30_000);
});
