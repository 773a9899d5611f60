import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { listContentFiles } from './files';
import { loadFile } from './load-file';

// Found by the attack review (h-attack): loadFile checked CONTENT_MAX_BYTES against the stat it is given, then reads
// the whole file. With the read pool the stat is taken on the main thread and the file read on a
// thread later (a batch is stat'ed while the one before is parsed, then waits its turn), so a file
// that grows in between (an editor's save in progress, a contributor appending) is read whole,
// whatever its size — and a large enough one is the heap problem of read-pool-oom.test.ts.
// Now it reads through one descriptor and checks the bytes read.

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('loadFile and a file that grew after its stat', () => {
  it('refuses the file by the bytes it holds, not by the stat it was given', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-stat-'));
    folders.push(root);
    const file = path.join(root, 'grows.md');
    fs.writeFileSync(file, '---\ntitle: 제목\ncategories: 스포츠\ndate: 2024-01-01 10:00\n---\n본문');
    const [entry] = listContentFiles(root);
    const stat = fs.statSync(file);
    fs.appendFileSync(file, '가'.repeat(100_000));
    const result = loadFile(entry!, stat, new Date(), { maxFileBytes: 64 * 1024 });
    expect(result.ok).toBe(false);
  });
});
