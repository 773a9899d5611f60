/**
 * Rendered bodies kept on disk, so that a restarted server answers what it rendered before without
 * rendering it again. At a million articles, the restart's feed (50 bodies) waited for the one
 * render thread: 3.2 s against home's 2.6.
 *
 * This is the cache of a pure function. Each entry is named by a hash of everything a render reads:
 * the rendering code's stamp (RENDER_VERSION, stamped by next.config.ts), the text, its format
 * and the options, the made photos included. So an edited file, a newly made photo or new code is
 * a new entry, and an entry is never stale; no file identity (size, modified time) is trusted.
 *
 * Bounded: past `maxBytes` the entries used longest ago are removed. Failures cost speed, never
 * pages: a folder that cannot be written, a full disk or a damaged file turn the store off (said
 * once in the log) and bodies are rendered as before; a damaged file is replaced at the next start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { BodyFormat } from '@/lib/content/types';

import type { RenderedBody, RenderOptions } from './pipeline';

/** Rendered bodies kept on disk, in bytes of their JSON, before the least recently used go. */
export const MAX_RENDER_BYTES = 256 * 1024 * 1024;

/** Bump when the table changes: a file of another schema is replaced. */
const SCHEMA = 'hangul-news-renders/1';

/** How long a write may wait for another process's (ms): past it, the body is just not kept. */
const BUSY_TIMEOUT_MS = 100;

export interface RenderStore {
  /** The name of the render of `source` in `format` with `options`. */
  keyOf(source: string, format: BodyFormat, options: RenderOptions): string;
  /** The body kept under `key`, or undefined. */
  get(key: string): RenderedBody | undefined;
  /** Keeps `body` under `key`, removing the least recently used past the bound. */
  put(key: string, body: RenderedBody): void;
  close(): void;
}

export interface RenderStoreOptions {
  /** The SQLite file (created with its folder when missing). */
  file: string;
  /** The rendering code's stamp: a render of other code is another entry. */
  version: string;
  maxBytes?: number;
  /** Where the store says it turned itself off (console.error by default). */
  log?: (message: string) => void;
}

const DDL = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE renders (key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL);
  CREATE INDEX renders_by_use ON renders (used, size);
`;

function removeFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -4000');
  return db;
}

const schemaOf = (db: Database.Database) =>
  (db.prepare("SELECT value FROM meta WHERE name = 'schema'").get() as { value: string } | undefined)
    ?.value;

/** The file's database when it is a store of this schema; else a new, empty one in its place. */
function openOrCreate(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file);
    if (schemaOf(db) === SCHEMA) return db;
  } catch {
    // Not a database, damaged or without our tables: made again below.
  }
  db?.close();
  removeFiles(file);
  db = openDatabase(file);
  db.transaction(() => {
    db!.exec(DDL);
    db!.prepare("INSERT INTO meta (name, value) VALUES ('schema', ?)").run(SCHEMA);
  })();
  return db;
}

/** What a kept row must hold to be served: anything else is a miss (and is replaced). */
function toBody(json: string): RenderedBody | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return undefined;
    const { html, text, photos, videos } = value as Record<string, unknown>;
    if (typeof html !== 'string' || typeof text !== 'string') return undefined;
    if (photos !== undefined && !(Array.isArray(photos) && photos.every((p) => typeof p === 'string'))) return undefined;
    if (videos !== undefined && !Number.isSafeInteger(videos)) return undefined;
    return {
      html,
      text,
      ...(photos !== undefined && { photos: photos as string[] }),
      ...(videos !== undefined && { videos: videos as number }),
    };
  } catch {
    return undefined;
  }
}

/**
 * Opens the store in `file`. It never throws: a file it cannot open or make gives a store that
 * keeps nothing, and the log says why.
 */
export function openRenderStore({
  file,
  version,
  maxBytes = MAX_RENDER_BYTES,
  log = (message) => console.error(message),
}: RenderStoreOptions): RenderStore {
  let db: Database.Database | undefined;
  const turnOff = (error: unknown) => {
    if (!db) return;
    log(
      `[render] ${file}: 렌더링한 본문을 디스크에 보관하지 않고 계속합니다 (${error instanceof Error ? error.message : String(error)})`,
    );
    try {
      db.close();
    } catch {
      // Closing a broken connection may fail too; it is dropped either way.
    }
    db = undefined;
  };
  /** A busy file (another process writing) skips one write; anything else turns the store off. */
  const failed = (error: unknown) => {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return;
    turnOff(error);
  };

  try {
    db = openOrCreate(file);
  } catch (error) {
    db = undefined;
    log(
      `[render] ${file}: 렌더링한 본문을 보관할 파일을 열 수 없어 디스크에 보관하지 않습니다 (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const sql = (text: string) => db!.prepare(text);
  const statements = db && {
    get: sql('SELECT rowid AS id, body FROM renders WHERE key = ?'),
    touch: sql('UPDATE renders SET used = ? WHERE rowid = ?'),
    put: sql(
      `INSERT INTO renders (key, body, size, used) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, size = excluded.size, used = excluded.used`,
    ),
    sizeOf: sql('SELECT size FROM renders WHERE key = ?'),
    total: sql('SELECT coalesce(sum(size), 0) AS n FROM renders'),
    oldest: sql('SELECT rowid AS id, size FROM renders ORDER BY used LIMIT 100'),
    removeRow: sql('DELETE FROM renders WHERE rowid = ?'),
  };
  let bytes = 0;
  try {
    if (statements) bytes = (statements.total.get() as { n: number }).n;
  } catch (error) {
    turnOff(error);
  }
  /** A clock for "used" that never goes backwards, whatever the system clock does. */
  let lastUse = 0;
  const now = () => (lastUse = Math.max(lastUse + 1, Date.now()));

  /** Removes the least recently used entries until the store is a tenth under its bound. */
  const shrink = db
    ? db.transaction(() => {
        while (bytes > maxBytes * 0.9) {
          const rows = statements!.oldest.all() as { id: number; size: number }[];
          if (rows.length === 0) {
            bytes = 0;
            return;
          }
          for (const row of rows) {
            statements!.removeRow.run(row.id);
            bytes -= row.size;
            if (bytes <= maxBytes * 0.9) return;
          }
        }
      })
    : undefined;

  return {
    keyOf(source, format, options) {
      return createHash('sha256')
        .update(JSON.stringify([version, format, options]))
        .update('\u0000')
        .update(source)
        .digest('hex')
        .slice(0, 32);
    },
    get(key) {
      if (!db || !statements) return undefined;
      try {
        const row = statements.get.get(key) as { id: number; body: string } | undefined;
        if (!row) return undefined;
        const body = toBody(row.body);
        if (body) statements.touch.run(now(), row.id);
        return body;
      } catch (error) {
        failed(error);
        return undefined;
      }
    },
    put(key, body) {
      if (!db || !statements) return;
      const json = JSON.stringify(body);
      const size = Buffer.byteLength(json);
      // A body larger than a tenth of the store would push out many others for one page.
      if (size > maxBytes / 10) return;
      try {
        const before = statements.sizeOf.get(key) as { size: number } | undefined;
        statements.put.run(key, json, size, now());
        bytes += size - (before?.size ?? 0);
        if (bytes > maxBytes) shrink!();
      } catch (error) {
        failed(error);
      }
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
