import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/seeded-random.mjs';

import { comparePaths, listContentFiles, listContentFilesAsync, listContentFolder } from './files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function touch(name: string) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), '---\ntitle: t\n---\n');
}

/** Every file under `dir` as a plain walk finds it, sorted whole: what the listing must equal. */
function sortedWhole(): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const dirent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) walk(name);
      else found.push(name.normalize('NFC'));
    }
  };
  walk('');
  return [...new Set(found.sort(comparePaths))];
}

describe('listing the content folder', () => {
  it('gives paths in whole-path order, folder by folder, however names compare with `/`', async () => {
    // '-', '.', ' ' and '!' sort before '/', '0' and letters after it: `a-b.md` precedes `a/…`.
    for (const name of ['a/x.md', 'a-b.md', 'a.md', 'a0.md', 'a b/c.md', 'a!/d.md', 'ab/e.md', 'a/b/c.md', 'a/b-c.md', 'a/b.md', 'A/z.md', '가/나.md', '가-1.md', '_site.yml', '2026/12/06/x.md', '2026/12/6.md', '2026/1/x.md']) touch(name);
    const want = sortedWhole();
    expect(listContentFiles(dir).map((e) => e.path)).toEqual(want);
    expect((await listContentFilesAsync(dir)).map((e) => e.path)).toEqual(want);
  });

  it('keeps the NFC twin of a name, for files and for folders, as one path', async () => {
    touch('cafe\u0301.md');
    touch('caf\u00e9.md');
    touch('cafe\u0301/one.md');
    touch('cafe\u0301/two.md');
    touch('caf\u00e9/two.md');
    touch('caf\u00e9/three.md');
    const listed = await listContentFilesAsync(dir);
    expect(listed.map((e) => e.path)).toEqual(['caf\u00e9.md', 'caf\u00e9/one.md', 'caf\u00e9/three.md', 'caf\u00e9/two.md']);
    // Where both exist, the file under the name already in NFC is the one read.
    for (const entry of listed) {
      if (entry.path !== 'caf\u00e9/one.md') expect(entry.absolute.endsWith(entry.path)).toBe(true);
    }
    expect(listContentFiles(dir)).toEqual(listed);
  });

  it('matches the whole-path order over random names (property test)', async () => {
    const next = seededRandom(11);
    const alphabet = ['a', 'b', '-', '.', ' ', '0', '가', 'Z', '_', '~x'];
    const part = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const depth = 1 + Math.floor(next() * 3);
      const parts = Array.from({ length: depth }, part);
      const name = `${parts.join('/')}.md`;
      try {
        touch(name);
      } catch {
        // A name that is a folder already (or the other way round): skipped.
      }
    }
    const listed = (await listContentFilesAsync(dir)).map((e) => e.path);
    expect(listed).toEqual([...listed].sort(comparePaths));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listContentFiles(dir).map((e) => e.path)).toEqual(listed);
  });

  it('lists one new folder, or says it holds too many names', () => {
    touch('2026/12/06/a.md');
    touch('2026/12/06/photos/b.md');
    touch('2026/12/05/c.md');
    expect(listContentFolder(dir, '2026/12/06', 10)?.map((e) => e.path)).toEqual(['2026/12/06/a.md', '2026/12/06/photos/b.md']);
    expect(listContentFolder(dir, '2026/12/06', 2)).toBeUndefined();
    expect(listContentFolder(dir, '2026/12/06/a.md', 10)).toBeUndefined();
    expect(listContentFolder(dir, 'nowhere', 10)).toBeUndefined();
  });
});
