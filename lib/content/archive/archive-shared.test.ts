import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { openArchive } from './archive';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 0, 15, 12);

describe('two servers on one DATA_DIR (one index file)', () => {
  it('lets one apply wait for the other instead of failing (SQLITE_BUSY)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-shared-'));
    folders.push(folder);
    const file = path.join(folder, 'index.sqlite');
    openArchive({ file, fingerprint: 'shared' }).close();

    // The other server is in the middle of writing: it holds the write lock.
    const other = new Database(file, { timeout: 5000 });
    other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('other', 'writing')");

    const script = `
      import { openArchive } from ${JSON.stringify(path.resolve('lib/content/archive/archive.ts'))};
      import { toSourceFile } from ${JSON.stringify(path.resolve('lib/content/archive/test-support.ts'))};
      const archive = openArchive({ file: ${JSON.stringify(file)}, fingerprint: 'shared' });
      const file = toSourceFile('a.md', '---\\ntitle: 기사\\ndate: 2025-01-01\\n---\\n본문', new Date());
      process.stdout.write('applying\\n');
      try {
        archive.apply({ upserts: [file], removals: [] });
        process.stdout.write('applied\\n');
      } catch (error) {
        process.stdout.write('failed: ' + error.code + '\\n');
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => {
        if (!output.includes('applying')) return;
        clearInterval(wait);
        // The child has begun its apply and waits on the lock; the other server now commits.
        setTimeout(resolve, 300);
      }, 20);
    });
    other.exec('COMMIT');
    other.close();
    await exited;

    expect(output).toContain('applied');
    const archive = openArchive({ file, fingerprint: 'shared' });
    expect(archive.count({ now: NOW })).toBe(1);
    archive.close();
  });
});
