import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { STANDALONE_PORT } from './support';

test('a copy of the standalone server (node server.js, as operators deploy it) serves articles and assets', async ({
  page,
}) => {
  const base = `http://127.0.0.1:${STANDALONE_PORT}`;
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(base) && response.status() >= 400)
      failed.push(`${response.status()} ${response.url()}`);
  });
  const response = await page.goto(`${base}/articles/000_b421e53fca27d6b0`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자',
  );
  const image = await page.request.get(`${base}/images/chips.svg`);
  expect(image.status()).toBe(200);
  expect(failed).toEqual([]);
  expect((await page.request.get(`${base}/articles/no-such-article`)).status()).toBe(404);
});

// Found while benchmarking a million articles: the build's file tracer followed the server's own
// paths (the data folder, a clone's .git) and copied whatever matched in the checkout into the
// standalone folder: the checkout's .git (its config, where a remote's token may be), the view
// counter's secret, and a bench's 11 GB of indexes (the build then died out of memory).
test('the standalone folder carries the server, not the checkout’s history, data or secrets', () => {
  const standalone = path.join(process.cwd(), '.next', 'standalone');
  const top = fs.readdirSync(standalone);
  expect(top).toContain('server.js');
  for (const name of ['.git', 'data', 'bench', 'content', '.e2e', 'e2e']) expect(top).not.toContain(name);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/^(views-secret|deployment-id)$|\.sqlite(-wal|-shm)?$|\.db$/.test(entry.name)) found.push(path.relative(standalone, file));
    }
  };
  walk(standalone);
  expect(found).toEqual([]);
});

/**
 * The project's files a built worker thread runs: those of every chunk its entry loads, at once or
 * on a dynamic import, read from their source maps. Turbopack names a worker's entry
 * `[worker thread]-<its module path>_<hash>._.js`; chunks name the chunks they load by their path
 * (`"server/chunks/…js"`), which is all this reads of the generated code.
 */
function bundledProjectFiles(worker: string): Map<string, string[]> {
  const root = process.cwd();
  const dir = path.join(root, '.next', 'server', 'chunks');
  const byEntry = new Map<string, string[]>();
  for (const entry of fs.readdirSync(dir).filter((name) => name.startsWith(`[worker thread]-${worker}_`) && name.endsWith('.js'))) {
    const chunks = new Set([entry]);
    const files = new Set<string>();
    for (const chunk of chunks) {
      for (const [, named] of fs.readFileSync(path.join(dir, chunk), 'utf8').matchAll(/"server\/chunks\/([^"]+?\.js)"/g)) chunks.add(named!);
      const map = JSON.parse(fs.readFileSync(path.join(dir, `${chunk}.map`), 'utf8')) as {
        sources?: string[];
        sections?: { map: { sources: string[] } }[];
      };
      for (const name of map.sections?.flatMap((section) => section.map.sources) ?? map.sources ?? []) {
        if (/^[a-z]+:/.test(name)) continue; // turbopack:///[turbopack]/…: the bundler's own runtime
        const file = path.relative(root, path.resolve(dir, name));
        if (!file.startsWith('..') && !file.split(path.sep).includes('node_modules')) files.add(file.split(path.sep).join('/'));
      }
    }
    byEntry.set(entry, [...files].sort());
  }
  return byEntry;
}

// A stamp that missed a file the server runs would keep, for good, rows or rendered bodies made by
// older code (lib/code-stamp.ts): what Turbopack bundled into each worker thread must be stamped.
test('the build’s stamps cover every project file its render and read threads run', async () => {
  const { importClosure, STAMP_ENTRIES } = await import('../lib/code-stamp');
  for (const [worker, stamp, mustRun] of [
    ['lib_render_render-worker_ts', 'RENDER_VERSION', 'lib/render/schema.ts'],
    ['lib_workers_read-worker_ts', 'CONTENT_PARSER_VERSION', 'lib/content/format/yaml.ts'],
  ] as const) {
    const stamped = new Set(await importClosure(process.cwd(), STAMP_ENTRIES[stamp]));
    const entries = bundledProjectFiles(worker);
    expect(entries.size, worker).toBeGreaterThan(0);
    for (const [entry, files] of entries) {
      expect(files, entry).toContain(mustRun);
      expect(files.filter((file) => !stamped.has(file)), `${entry}: bundled but not in ${stamp}`).toEqual([]);
    }
  }
});
