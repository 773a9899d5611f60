import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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

/** One row of `sql` over the store's file, read as another process would (undefined for none). */
function peek<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

/** Overwrites 64 KiB in the middle of the store's file (not page 1, not `meta`). */
function damageMiddle(): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

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
      store.keyOf('본문', 'markdown', { ...base, hero: { kind: 'photo', path: 'a/p.jpg' } }),
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
    const bytes = peek<{ n: number }>('SELECT sum(length(CAST(body AS BLOB))) AS n FROM renders')!.n;
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

  it('makes its tables again over a file of another schema, keeping nothing of it', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta VALUES ('schema', 'hangul-news-renders/1');
      CREATE TABLE renders (key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL);`);
    const store = open();
    const key = store.keyOf('본문', 'markdown', {});
    old.prepare('INSERT INTO renders VALUES (?, ?, 10, 1)').run(key, JSON.stringify(body('<p>옛 본문</p>')));
    old.close();
    expect(store.get(key)).toBeUndefined();
    store.put(key, body('<p>본문</p>'));
    expect(store.get(key)?.html).toBe('<p>본문</p>');
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

  it('while another process writes (a second server, a backup), serves what it holds and skips its own write, never waiting', () => {
    const store = open();
    const [kept, a, b] = ['kept', 'a', 'b'].map((k) => store.keyOf(k, 'markdown', {})) as [string, string, string];
    store.put(kept, body('<p>kept</p>'));
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    // Only marking it used needs the write lock: the body is served all the same.
    expect(store.get(kept)?.html).toBe('<p>kept</p>');
    store.put(a, body('<p>a</p>'));
    other.exec('COMMIT');
    other.close();
    store.put(b, body('<p>b</p>'));
    expect(store.get(a)).toBeUndefined();
    expect(store.get(b)?.html).toBe('<p>b</p>');
    expect(logs).toEqual([]);
  });

  it('opening while another server makes the file never removes what it made, and opens it a few seconds later', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const other = openRenderStore({ file, version: 'v1' });
    const key = other.keyOf('other', 'markdown', {});
    // The other server is between opening the file and committing its tables.
    const maker = new Database(file);
    maker.pragma('journal_mode = WAL');
    const inode = fs.statSync(file).ino;
    maker.exec('BEGIN IMMEDIATE; CREATE TABLE half_made (x)');
    let clock = 0;
    const store = open({ now: () => clock });
    expect(store.get(key)).toBeUndefined();
    maker.exec('ROLLBACK');
    maker.close();
    other.put(key, body('<p>other</p>'));
    clock += 5000;
    // The file is the one the other server made, and this one reads what it kept.
    expect(fs.statSync(file).ino).toBe(inode);
    expect(store.get(key)?.html).toBe('<p>other</p>');
    expect(logs).toEqual([]);
  });

  it('holds one bound for the file however many servers share it', () => {
    const stores = [open({ maxBytes: 20_000 }), open({ maxBytes: 20_000 })];
    for (let i = 0; i < 60; i += 1) {
      const store = stores[i % 2]!;
      store.put(store.keyOf(`본문 ${i}`, 'markdown', {}), body(`<p>${i} ${'가'.repeat(200)}</p>`));
    }
    for (const store of stores) store.close();
    const { bytes, total } = peek<{ bytes: number; total: number }>(
      'SELECT sum(size) AS bytes, (SELECT bytes FROM total) AS total FROM renders',
    )!;
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(total).toBe(bytes);
  });

  it('keeps the order of use across a restart, whatever the clock says', () => {
    const store = open({ maxBytes: 20_000 });
    const [a, b] = ['a', 'b'].map((k) => store.keyOf(k, 'markdown', {})) as [string, string];
    store.put(a, body(`<p>a ${'가'.repeat(200)}</p>`));
    store.put(b, body(`<p>b ${'가'.repeat(200)}</p>`));
    store.get(a);
    store.close();
    // Restarted with the clock set back a day: what comes now is still newer than a and b.
    const now = Date.now;
    Date.now = () => now() - 86_400_000;
    try {
      const again = open({ maxBytes: 20_000 });
      const kept = (key: string) => peek('SELECT 1 FROM renders WHERE key = ?', key) !== undefined;
      for (let i = 0; i < 40 && kept(b); i += 1) {
        again.put(again.keyOf(`본문 ${i}`, 'markdown', {}), body(`<p>${i} ${'가'.repeat(200)}</p>`));
      }
      // b, used longest ago, went first; a, read last before the restart, is still there.
      expect(kept(b)).toBe(false);
      expect(kept(a)).toBe(true);
    } finally {
      Date.now = now;
    }
  });

  it('removes about as much as each put adds, however large the bodies, and never empties the store for one', () => {
    const maxBytes = 200_000;
    const store = open({ maxBytes });
    const small = Array.from({ length: 600 }, (_, i) => store.keyOf(`작은 ${i}`, 'markdown', {}));
    for (const key of small) store.put(key, body(`<p>${key}</p>`));
    const stats = () => peek<{ rows: number; bytes: number }>('SELECT count(*) AS rows, sum(size) AS bytes FROM renders')!;
    const before = stats();
    expect(before.bytes).toBeLessThanOrEqual(maxBytes);
    // One body of ~10 KB: a few dozen small ones make room for it, not the whole store.
    store.put(store.keyOf('큰 본문', 'markdown', {}), body(`<p>${'가'.repeat(1600)}</p>`));
    const after = stats();
    expect(after.bytes).toBeLessThanOrEqual(maxBytes);
    expect(before.rows + 1 - after.rows).toBeGreaterThan(0);
    expect(before.rows + 1 - after.rows).toBeLessThan(40);
    // Large bodies one after another (each near the largest kept): the file stays within its bound.
    for (let i = 0; i < 30; i += 1) {
      store.put(store.keyOf(`큰 본문 ${i}`, 'markdown', {}), body(`<p>${i}${'가'.repeat(3000)}</p>`));
      expect(stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
  });

  it('keeps the order of use across servers sharing the file: a quiet server\'s new body is newest', () => {
    const busy = open({ maxBytes: 20_000 });
    const quiet = open({ maxBytes: 20_000 });
    quiet.get(quiet.keyOf('연다', 'markdown', {}));
    for (let i = 0; i < 200; i += 1) busy.put(busy.keyOf(`바쁜 ${i}`, 'markdown', {}), body(`<p>${i}</p>`));
    for (let i = 0; i < 10; i += 1) {
      const key = quiet.keyOf(`조용한 ${i}`, 'markdown', {});
      quiet.put(key, body(`<p>조용한 ${i} ${'가'.repeat(100)}</p>`));
      expect(quiet.get(key)?.html).toContain(`조용한 ${i}`);
    }
  });

  it('replaces a file damaged while the server runs, and says so once', () => {
    const store = open();
    const keys = Array.from({ length: 400 }, (_, i) => store.keyOf(`k ${i}`, 'markdown', {}));
    for (const key of keys) store.put(key, body(`<p>${'가'.repeat(600)}</p>`));
    store.close();
    damageMiddle();
    const again = open();
    for (const key of keys) again.get(key);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/손상/);
    // A new file: what is rendered now is kept again.
    again.put(keys[0]!, body('<p>again</p>'));
    expect(open().get(keys[0]!)?.html).toBe('<p>again</p>');
    expect(logs).toHaveLength(1);
  });

  it('makes its file again when it is removed while the server runs', () => {
    let clock = 0;
    const store = open({ now: () => clock });
    store.put(store.keyOf('a', 'markdown', {}), body('<p>a</p>'));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    clock += 60_000;
    const b = store.keyOf('b', 'markdown', {});
    store.put(b, body('<p>b</p>'));
    store.close();
    expect(open().get(b)?.html).toBe('<p>b</p>');
  });

  it('after a failure tries again a minute later, without saying the same thing twice', () => {
    let clock = 0;
    fs.writeFileSync(path.join(dir, 'render-cache'), 'a file, not a folder');
    const store = open({ now: () => clock });
    const key = store.keyOf('본문', 'markdown', {});
    store.put(key, body('<p>본문</p>'));
    clock += 60_000;
    store.put(key, body('<p>본문</p>'));
    expect(logs).toHaveLength(1);
    // The operator mends the folder: within a minute the store keeps bodies again.
    fs.rmSync(path.join(dir, 'render-cache'));
    store.put(key, body('<p>본문</p>'));
    expect(store.get(key)).toBeUndefined();
    clock += 60_000;
    store.put(key, body('<p>본문</p>'));
    expect(store.get(key)?.html).toBe('<p>본문</p>');
  });
  it('leaves a file of a newer build alone, and says so once', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const newer = new Database(file);
    newer.exec(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta VALUES ('schema', 'hangul-news-renders/99');
      CREATE TABLE renders_v99 (x);`);
    newer.close();
    let clock = 0;
    const store = open({ now: () => clock });
    const key = store.keyOf('본문', 'markdown', {});
    store.put(key, body('<p>본문</p>'));
    clock += 60_000;
    store.put(key, body('<p>본문</p>'));
    expect(store.get(key)).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('hangul-news-renders/99');
    expect(peek("SELECT name FROM sqlite_master WHERE name = 'renders_v99'")).toBeDefined();
  });

  it('a damaged file seen by two servers is replaced once: the second does not remove the first one\'s new file', () => {
    const a = open();
    const b = open();
    const keys = Array.from({ length: 400 }, (_, i) => a.keyOf(`k ${i}`, 'markdown', {}));
    for (const key of keys) a.put(key, body(`<p>${'가'.repeat(600)}</p>`));
    b.get(keys[0]!);
    damageMiddle();
    for (const key of keys) a.get(key);
    const fresh = a.keyOf('새 파일', 'markdown', {});
    a.put(fresh, body('<p>새 파일</p>'));
    for (const key of keys) b.get(key);
    expect(a.get(fresh)?.html).toBe('<p>새 파일</p>');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a failure that lasts is said once, not every minute; said again once the store has worked since', () => {
    let clock = 0;
    const store = open({ now: () => clock });
    const key = store.keyOf('본문', 'markdown', {});
    store.put(key, body('<p>본문</p>'));
    const other = new Database(file);
    // A write that always fails, as a full disk does.
    other.exec("CREATE TRIGGER full BEFORE INSERT ON renders BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    for (let minute = 0; minute < 5; minute += 1) {
      store.put(store.keyOf(`새 ${minute}`, 'markdown', {}), body('<p>새</p>'));
      clock += 60_000;
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('disk is full');
    other.exec('DROP TRIGGER full');
    store.put(store.keyOf('된다', 'markdown', {}), body('<p>된다</p>'));
    other.exec("CREATE TRIGGER full BEFORE INSERT ON renders BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    store.put(store.keyOf('또', 'markdown', {}), body('<p>또</p>'));
    other.close();
    expect(logs).toHaveLength(2);
  });

  it('retries a minute later by a clock that setting the time back does not stop', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    try {
      fs.writeFileSync(path.join(dir, 'render-cache'), 'a file, not a folder');
      const store = open({ now: undefined });
      const key = store.keyOf('본문', 'markdown', {});
      store.put(key, body('<p>본문</p>'));
      fs.rmSync(path.join(dir, 'render-cache'));
      vi.setSystemTime(Date.now() - 86_400_000);
      vi.advanceTimersByTime(60_000);
      store.put(key, body('<p>본문</p>'));
      expect(store.get(key)?.html).toBe('<p>본문</p>');
    } finally {
      vi.useRealTimers();
    }
  });
});
