import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { PhotoManifest } from '@/lib/media/variant-store';

import type { RenderedBody } from './pipeline';
import { openRenderStore, type RenderStoreOptions } from './render-store';

let dir: string;
let file: string;
const logs: string[] = [];
const open = (options: Partial<RenderStoreOptions> = {}) =>
  openRenderStore({ file, version: 'v1', log: (message) => logs.push(message), ...options });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-store-'));
  file = path.join(dir, 'render-cache', 'renders.sqlite');
  logs.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const body = (html: string): RenderedBody => ({ html, text: html.replace(/<[^>]+>/g, ''), photos: ['a/b.jpg'], videos: 1 });
const manifest = (hash: string): PhotoManifest =>
  ({ hash, width: 800, height: 600, variants: [] }) as unknown as PhotoManifest;

describe('rendered bodies on disk', () => {
  it('a restarted server reads the bodies the last one kept, exactly as they were', () => {
    const first = open();
    const key = first.keyOf('본문', 'markdown', { siteUrl: 'https://news.example' });
    first.put(key, body('<p>본문</p>'));
    first.close();

    const second = open();
    expect(second.get(key)).toEqual(body('<p>본문</p>'));
    second.close();
    expect(logs).toEqual([]);
  });

  it('names a render by everything it reads: code, text, format and every option, photos included', () => {
    const store = open();
    const base = { siteUrl: 'https://news.example', base: 'a/x.md', photos: { 'a/p.jpg': manifest('h1') } };
    const key = store.keyOf('본문', 'markdown', base);
    store.put(key, body('<p>old</p>'));
    const others = [
      open({ version: 'v2' }).keyOf('본문', 'markdown', base),
      store.keyOf('본문!', 'markdown', base),
      store.keyOf('본문', 'html', base),
      store.keyOf('본문', 'markdown', { ...base, siteUrl: 'https://other.example' }),
      store.keyOf('본문', 'markdown', { ...base, base: 'b/x.md' }),
      store.keyOf('본문', 'markdown', { ...base, sponsored: true }),
      store.keyOf('본문', 'markdown', { ...base, baseUrl: 'https://news.example/' }),
      store.keyOf('본문', 'markdown', { ...base, photos: { 'a/p.jpg': manifest('h2') } }),
      store.keyOf('본문', 'markdown', { ...base, photos: {} }),
      store.keyOf('본문', 'markdown', { ...base, hero: { src: 'a/p.jpg' } as never }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
    for (const other of others) expect(store.get(other)).toBeUndefined();
    // The same inputs give the same name, in this process or the next.
    expect(open().keyOf('본문', 'markdown', { ...base })).toBe(key);
  });

  it('stays within its bound, removing the bodies used longest ago', () => {
    const store = open({ maxBytes: 20_000 });
    const keys = Array.from({ length: 40 }, (_, i) => store.keyOf(`본문 ${i}`, 'markdown', {}));
    store.put(keys[0]!, body('<p>' + 'ㄱ'.repeat(200) + '</p>'));
    for (const [i, key] of keys.entries()) {
      if (i === 0) continue;
      store.put(key, body(`<p>${i} ${'가'.repeat(200)}</p>`));
      // The first body is read on every page: it stays however many others come.
      expect(store.get(keys[0]!)).toBeDefined();
    }
    store.close();
    const db = new Database(file, { readonly: true });
    const bytes = (db.prepare('SELECT sum(length(CAST(body AS BLOB))) AS n FROM renders').get() as { n: number }).n;
    db.close();
    expect(bytes).toBeLessThanOrEqual(20_000);
    const again = open({ maxBytes: 20_000 });
    expect(again.get(keys[0]!)).toBeDefined();
    expect(again.get(keys[1]!)).toBeUndefined();
    expect(again.get(keys[39]!)).toBeDefined();
  });

  it('does not keep a body larger than a tenth of its bound', () => {
    const store = open({ maxBytes: 20_000 });
    const key = store.keyOf('긴 본문', 'markdown', {});
    store.put(key, body(`<p>${'가'.repeat(2000)}</p>`));
    expect(store.get(key)).toBeUndefined();
  });

  it('serves nothing from a row that is not a body it wrote (altered, truncated, another shape)', () => {
    const store = open();
    const keys = ['a', 'b', 'c', 'd', 'e'].map((k) => store.keyOf(k, 'markdown', {}));
    for (const key of keys) store.put(key, body('<p>x</p>'));
    const db = new Database(file);
    const set = db.prepare('UPDATE renders SET body = ? WHERE key = ?');
    set.run('{"html": "<p>x</p>", "text": ', keys[0]!);
    set.run('{"html": 1, "text": "x"}', keys[1]!);
    set.run('["<p>x</p>"]', keys[2]!);
    set.run('{"html": "<p>x</p>", "text": "x", "photos": "a.jpg"}', keys[3]!);
    set.run('null', keys[4]!);
    db.close();
    for (const key of keys) expect(store.get(key)).toBeUndefined();
    // Rendered again, the body replaces the bad row.
    store.put(keys[0]!, body('<p>y</p>'));
    expect(store.get(keys[0]!)?.html).toBe('<p>y</p>');
    expect(logs).toEqual([]);
  });

  it('replaces a damaged file with an empty store', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'SQLite format 3\0' + 'garbage'.repeat(1000));
    const store = open();
    const key = store.keyOf('본문', 'markdown', {});
    expect(store.get(key)).toBeUndefined();
    store.put(key, body('<p>본문</p>'));
    expect(open().get(key)?.html).toBe('<p>본문</p>');
  });

  it('keeps nothing, and says so once, where it cannot write (a DATA_DIR that is a file)', () => {
    fs.writeFileSync(path.join(dir, 'render-cache'), 'a file, not a folder');
    const store = open();
    const key = store.keyOf('본문', 'markdown', {});
    store.put(key, body('<p>본문</p>'));
    expect(store.get(key)).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(file);
  });

  it('skips a write while another process holds the file, and keeps the next', () => {
    const store = open();
    const a = store.keyOf('a', 'markdown', {});
    const b = store.keyOf('b', 'markdown', {});
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    store.put(a, body('<p>a</p>'));
    other.exec('COMMIT');
    other.close();
    store.put(b, body('<p>b</p>'));
    expect(store.get(a)).toBeUndefined();
    expect(store.get(b)?.html).toBe('<p>b</p>');
    expect(logs).toEqual([]);
  });
});
