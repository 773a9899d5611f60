import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildStamps, codeStamp, importClosure, STAMP_ENTRIES } from './code-stamp';

const repo = path.resolve(import.meta.dirname, '..');

describe('the build stamps of this checkout', () => {
  it('stamp the parsing code without the pages and queries that only read the index', async () => {
    const files = await importClosure(repo, STAMP_ENTRIES.CONTENT_PARSER_VERSION);
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/content/format/yaml.ts',
        'lib/content/schema.ts',
        'lib/content/archive/write.ts',
        'lib/content/archive/tables.ts',
        'lib/content/kinds.ts',
      ]),
    );
    for (const other of ['lib/content/queries.ts', 'lib/content/view.ts', 'lib/search/index.ts', 'lib/render/pipeline.ts']) {
      expect(files).not.toContain(other);
    }
    expect(files.every((file) => file.startsWith('lib/'))).toBe(true);
  });

  it('stamp what the render thread runs, the sanitizer schema and the thread started through new URL included', async () => {
    const files = await importClosure(repo, ['lib/render/render-pool.ts']);
    // render-pool.ts starts its thread with `new Worker(new URL('./render-worker.ts', import.meta.url))`.
    expect(files).toEqual(
      expect.arrayContaining(['lib/render/render-worker.ts', 'lib/render/pipeline.ts', 'lib/render/schema.ts', 'lib/content/limits.ts']),
    );
    const stamped = await importClosure(repo, STAMP_ENTRIES.RENDER_VERSION);
    expect(stamped).not.toContain('lib/content/queries.ts');
    expect(stamped).not.toContain('lib/content/load-file.ts');
  });

  it('gives every stamp, the same each time', async () => {
    const first = await buildStamps(repo);
    expect(Object.keys(first).sort()).toEqual(Object.keys(STAMP_ENTRIES).sort());
    for (const value of Object.values(first)) expect(value).toMatch(/^[0-9a-f]{16}$/);
    expect(await buildStamps(repo)).toEqual(first);
  });
});

describe('importClosure and codeStamp', () => {
  let root: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'code-stamp-'));
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@/*': ['./*'] } } }));
    write('package-lock.json', '{}');
    write(
      'lib/entry.ts',
      [
        "import { a } from '@/lib/a';",
        "import type { T } from './types';",
        "import { type U, value } from './mixed';",
        "import { type V } from './only-types'; // may be kept for its effects",
        "import './effects';",
        "import path from 'node:path';",
        "import yaml from 'yaml';",
        "export * from './re-exported';",
        "export type { W } from './exported-types';",
        "const lazy = () => import('./lazy');",
        "const worker = new URL('./worker.ts', import.meta.url);",
        "const other = import.meta.resolve('./other-worker.ts');",
        'export { a, value, lazy, worker, other, path, yaml };',
      ].join('\n'),
    );
    write('lib/a.ts', "import { b } from './b';\nexport const a = () => b;");
    write('lib/b.ts', "import { a } from './a';\nexport const b = () => a;"); // a circle
    for (const name of ['types', 'mixed', 'only-types', 'effects', 're-exported', 'exported-types', 'lazy', 'worker', 'other-worker', 'unrelated']) {
      write(`lib/${name}.ts`, 'export const value = 1; export type T = number; export type U = 1; export type V = 2; export type W = 3;');
    }
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('follows what runs and leaves out what is erased, packages and the rest', async () => {
    expect(await importClosure(root, ['lib/entry.ts'])).toEqual(
      ['a', 'b', 'effects', 'entry', 'lazy', 'mixed', 'only-types', 'other-worker', 're-exported', 'worker'].map((name) => `lib/${name}.ts`),
    );
  });

  it('changes the stamp with any file the entry runs, and only with those', async () => {
    const before = await codeStamp(root, ['lib/entry.ts']);
    write('lib/unrelated.ts', 'export const value = 2;');
    write('lib/types.ts', 'export type T = string;');
    expect(await codeStamp(root, ['lib/entry.ts'])).toBe(before);

    write('lib/worker.ts', 'export const value = 2;');
    const afterWorker = await codeStamp(root, ['lib/entry.ts']);
    expect(afterWorker).not.toBe(before);

    write('package-lock.json', '{"lockfileVersion": 3}');
    expect(await codeStamp(root, ['lib/entry.ts'])).not.toBe(afterWorker);
  });

  it('fails, naming the file, on a local import that resolves to nothing', async () => {
    write('lib/a.ts', "import { gone } from './gone';\nexport const a = gone;");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/lib\/a\.ts.*'\.\/gone'/);
  });

  it('fails, naming the line, on an import it cannot read the target of', async () => {
    write('lib/a.ts', "export const a = (name: string) => import(`./${name}`);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:1: import\(\)/);
    write('lib/a.ts', "const name = './worker.ts';\nexport const a = new URL(name, import.meta.url);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:2: new URL/);
  });

  it('fails clearly on a missing entry or an unreadable tsconfig', async () => {
    await expect(importClosure(root, ['lib/renamed.ts'])).rejects.toThrow(/시작 파일이 없습니다: lib\/renamed\.ts/);
    write('tsconfig.json', '{ "compilerOptions": ');
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/tsconfig\.json/);
  });

  it('reads a .ts file as TypeScript, not TSX, so a generic arrow hides no import after it', async () => {
    write('lib/a.ts', "export const id = <T>(x: T): T => x;\nexport const later = () => import('./lazy');");
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/lazy.ts']);
  });

  it('reads a file that does not parse without hanging or guessing', async () => {
    // TypeScript's parser recovers: what it reads as imports is followed, the rest is code.
    write('lib/a.ts', "import { b } from './b';\nexport const a = ((((( ;\n".repeat(2000));
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/b.ts']);
  });
});
