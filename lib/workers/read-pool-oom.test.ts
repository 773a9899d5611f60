import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// Attack (h-attack): Node 20 cannot always contain a worker's heap limit. A thread that reaches
// its 512 MB through one large string (a big file decoded, then copied by the front-matter split)
// aborts the whole process ("FATAL ERROR: Reached heap limit", exit 134) instead of failing its
// job (nodejs/node#47224). CONTENT_MAX_BYTES accepts any positive integer, so an operator who
// sets it to 1 GB lets one 300 MB article crash the server, and crash it again at every start
// (the background read reads it first thing). The same file read on the main thread is fine.
// Fix: never give a read thread a file it cannot hold — cap CONTENT_MAX_BYTES in lib/site.ts
// (with a Korean message when the setting is above the cap) well under WORKER_HEAP_MB / 8, or
// have the pool read files above such a size on the caller's thread.
describe('read pool and a file near the thread heap (CONTENT_MAX_BYTES set high)', () => {
  it.fails('gives the file an error and keeps the process alive', () => {
    const run = spawnSync('npx', ['tsx', 'attack/oom-real.ts'], {
      cwd: path.join(import.meta.dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, MB: '300' },
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain('FATAL ERROR');
    expect(run.status).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as [string, string][];
    expect(results.map(([file, outcome]) => [file, outcome === 'ok'])).toEqual([
      ['a-good.md', true],
      ['b-huge.md', expect.any(Boolean)],
      ['c-good.md', true],
    ]);
  }, 150_000);
});
