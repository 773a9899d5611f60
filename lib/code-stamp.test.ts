import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildStamps, codeStamp, importClosure, STAMP_ENTRIES, stampOf } from './code-stamp';

const repo = path.resolve(import.meta.dirname, '..');

describe('the build stamps of this checkout', () => {
  it('stamp everything between a file and its row, and not the pages and queries that only read the index', async () => {
    const files = await importClosure(repo, STAMP_ENTRIES.CONTENT_PARSER_VERSION);
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/content/format/yaml.ts',
        'lib/content/schema.ts',
        'lib/content/archive/write.ts',
        'lib/content/archive/tables.ts',
        'lib/content/kinds.ts',
        // what stats files and hands them on, and the read threads (started through new URL)
        'lib/content/folder-source.ts',
        'lib/content/git-source.ts',
        'lib/workers/read-worker.ts',
        'lib/content/archive/records.ts',
        // what sets the sources up (their limits, their loader)
        'lib/content/process-store.ts',
      ]),
    );
    for (const other of ['lib/content/queries.ts', 'lib/content/view.ts', 'lib/search/index.ts', 'lib/search/disk-index.ts', 'app/page.tsx']) {
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
    // The one path between a render and the store, and the store.
    expect(stamped).toEqual(expect.arrayContaining(['lib/render/stored-render.ts', 'lib/render/render-store.ts', 'lib/render/render-pool.ts']));
    expect(stamped).not.toContain('lib/render/index.ts');
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

describe('next.config.ts', () => {
  it('stamps a build, and leaves next start (whose code carries the stamps) without the work', async () => {
    const { default: config } = await import('../next.config');
    expect((await config(PHASE_PRODUCTION_SERVER)).env).toBeUndefined();
    expect((await config(PHASE_PRODUCTION_BUILD)).env).toEqual(await buildStamps(repo));
    expect((await config(PHASE_DEVELOPMENT_SERVER)).env).toEqual(await buildStamps(repo));
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

  it('follows require in each of its forms', async () => {
    write('lib/a.ts', "const b = require('./b');\nimport c = require('./lazy');\nexport const a = [b, c, require.resolve('./worker')];");
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/b.ts', 'lib/lazy.ts', 'lib/worker.ts']);
  });

  it('stamps every file another resolver could pick for an import', async () => {
    // TypeScript takes a.ts, Turbopack a.tsx; a declaration stands for the JavaScript beside it.
    write('lib/b.tsx', 'export const b = 2;');
    write('lib/js.d.ts', 'export declare const js: number;');
    write('lib/js.mjs', "import { value } from './lazy.ts';\nexport const js = value;");
    write('lib/entry2.ts', "import { b } from './b';\nimport { js } from './js';\nexport const x = [b, js];");
    expect(await importClosure(root, ['lib/entry2.ts'])).toEqual(
      ['lib/a.ts', 'lib/b.ts', 'lib/b.tsx', 'lib/entry2.ts', 'lib/js.d.ts', 'lib/js.mjs', 'lib/lazy.ts'].sort(),
    );
  });

  it('follows an alias the project adds to its tsconfig, and a folder through its index', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@/*': ['./*'], '~/*': ['./*'] } } }));
    write('lib/folder/index.ts', 'export const f = 1;');
    write('lib/entry2.ts', "import { value } from '~/lib/lazy';\nimport { f } from './folder';\nexport const x = [value, f];");
    expect(await importClosure(root, ['lib/entry2.ts'])).toEqual(['lib/entry2.ts', 'lib/folder/index.ts', 'lib/lazy.ts']);
  });

  it('changes every stamp with how the build resolves and compiles', async () => {
    write('next.config.ts', 'export default {};');
    write('package.json', '{}');
    const before = await codeStamp(root, ['lib/lazy.ts']);
    for (const [file, text] of [
      ['next.config.ts', "export default { turbopack: { resolveAlias: { yaml: './lib/lazy.ts' } } };"],
      ['tsconfig.json', JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } })],
      ['package.json', '{"imports": {"#a": "./lib/lazy.ts"}}'],
    ]) {
      const was = fs.readFileSync(path.join(root, file!), 'utf8');
      write(file!, text!);
      expect(await codeStamp(root, ['lib/lazy.ts']), file).not.toBe(before);
      write(file!, was);
    }
    expect(await codeStamp(root, ['lib/lazy.ts'])).toBe(before);
  });

  it('follows globalThis.URL and a parenthesised require, and leaves out import type = require and declarations', async () => {
    write(
      'lib/a.ts',
      [
        "export const w = new globalThis.URL('./worker.ts', import.meta.url);",
        "export const b = (require)('./b');",
        "import type T = require('./types');",
        "import type { D } from './decl';",
      ].join('\n'),
    );
    // A declaration file is read for nothing: what it imports does not run.
    write('lib/decl.d.ts', "import './gone';\nexport type D = 1;");
    write('lib/c.ts', "import { d } from './decl2';\nexport const c = d;");
    write('lib/decl2.d.ts', "import './gone';\nexport declare const d: number;");
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/b.ts', 'lib/worker.ts']);
    expect(await importClosure(root, ['lib/c.ts'])).toEqual(['lib/c.ts', 'lib/decl2.d.ts']);
  });

  it('stamps a file imported under another extension, as the file itself', async () => {
    write('lib/data.txt', 'v1');
    write('lib/a.ts', "import data from './data.txt';\nexport const a = data;");
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/data.txt']);
  });

  it('stamps a folder’s index and the file of the folder’s name alike', async () => {
    write('lib/folder.ts', 'export const f = 0;');
    write('lib/folder/index.ts', 'export const f = 1;');
    write('lib/a.ts', "import { f } from './folder';\nexport const a = f;");
    expect(await importClosure(root, ['lib/a.ts'])).toEqual(['lib/a.ts', 'lib/folder.ts', 'lib/folder/index.ts']);
  });

  it('names every file it hashes: moving bytes from one file to the next changes the stamp', () => {
    write('lib/x.ts', 'ab');
    write('lib/y.ts', 'c');
    const before = stampOf(root, ['lib/x.ts', 'lib/y.ts']);
    write('lib/x.ts', 'a');
    write('lib/y.ts', 'bc');
    expect(stampOf(root, ['lib/x.ts', 'lib/y.ts'])).not.toBe(before);
  });

  it('refuses a source file too large or not text, naming it', async () => {
    write('lib/a.ts', `export const a = 1;\n${'// padding\n'.repeat(200_000)}`);
    await expect(importClosure(root, ['lib/a.ts'])).rejects.toThrow(/lib\/a\.ts: 소스 파일이 너무 큽니다/);
    write('lib/a.ts', 'export const a = 1;\u0000');
    await expect(importClosure(root, ['lib/a.ts'])).rejects.toThrow(/lib\/a\.ts: 글자 파일이 아닙니다/);
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
    write('lib/a.ts', "export const a = new URL('./worker.ts', new URL(import.meta.url));");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:1: 이 import\.meta/);
    write('lib/a.ts', "import { URL as U } from 'node:url';\nexport const a = new U('./worker.ts', import.meta.url);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:2: 이 import\.meta/);
    write('lib/a.ts', "import fs from 'node:fs';\nexport const a = fs.readFileSync(`${import.meta.dirname}/data.json`);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:2: 이 import\.meta/);
    write('lib/a.ts', "import { createRequire } from 'node:module';\nexport const a = createRequire(import.meta.url)('./b');");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:2: (createRequire|이 import\.meta)/);
    write('lib/a.ts', "import fs from 'node:fs';\nexport const a = fs.readFileSync(new URL('./footer.txt', import.meta.url), 'utf8');");
    write('lib/footer.txt', 'v1');
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:2: new URL\(…, import\.meta\.url\)는 .*'\.\/footer\.txt'/);
    write('lib/a.ts', "export const a = new URL('worker.ts', import.meta.url);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:1: new URL\(…, import\.meta\.url\)는 .*'worker\.ts'/);
    write('lib/a.ts', "export const a = module.require('./b');");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:1: module\.require/);
    write('lib/a.ts', "export const a = require(process.env.MODULE!);");
    await expect(importClosure(root, ['lib/entry.ts'])).rejects.toThrow(/a\.ts:1: require/);
  });

  it('fails, naming the importing file, on a folder without an index or a file outside the checkout', async () => {
    fs.mkdirSync(path.join(root, 'lib/empty'));
    write('lib/a.ts', "import './empty';");
    await expect(importClosure(root, ['lib/a.ts'])).rejects.toThrow(/lib\/a\.ts의 import '\.\/empty'가 가리키는 파일을 찾을 수 없습니다/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'code-stamp-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.ts'), 'export const x = 1;');
      write('lib/a.ts', `import '${path.relative(path.join(root, 'lib'), path.join(outside, 'x.ts')).replaceAll(path.sep, '/')}';`);
      await expect(importClosure(root, ['lib/a.ts'])).rejects.toThrow(/밖의 파일/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
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
