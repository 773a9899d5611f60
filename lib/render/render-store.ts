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
 * Bounded per file, however many servers share it: each put past `maxBytes` removes the entries
 * used longest ago until the file is within it again (about as much as the put added). The store
 * costs speed when it fails, never pages:
 * - once the file is open, no request waits for another process (a busy write is skipped);
 *   opening waits at most OPEN_BUSY_MS for a server making the file;
 * - a folder that cannot be written or a full disk turns it off for a minute, said once;
 * - a damaged file is replaced, a file removed under it is made again within a minute;
 * - a file of a newer schema (a newer build beside this one) is left alone: this store stays off.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { BodyFormat } from '@/lib/content/types';
import { isDamagedDatabase, removeDatabaseFiles } from '@/lib/sqlite-files';

import type { RenderedBody, RenderOptions } from './pipeline';

/** Rendered bodies kept on disk, in bytes (each body's JSON and ROW_OVERHEAD), before the least recently used go. */
export const MAX_RENDER_BYTES = 256 * 1024 * 1024;

/**
 * Bump when the tables change (2: the total and its triggers). An older schema's tables are dropped
 * and made again; a newer one's are left to the newer build (this store stays off).
 */
const SCHEMA_VERSION = 2;
const SCHEMA_NAME = 'hangul-news-renders/';

/** How long opening may wait for another process making the same file (ms). */
const OPEN_BUSY_MS = 200;
/** After another process kept the file busy past OPEN_BUSY_MS, when to open it again (ms). */
const RETRY_BUSY_OPEN_MS = 5000;
/** After a failure, how long the store stays off before it opens the file again (ms). */
export const RETRY_AFTER_MS = 60_000;
const OFF_FOR_A_MINUTE = '렌더링한 본문을 잠시 디스크에 보관하지 않습니다 (1분 뒤 다시 시도합니다)';
/** How often a put checks that its file is still the one on disk (ms). */
const CHECK_FILE_EVERY_MS = 60_000;
/**
 * What a row counts for besides its JSON (the key, the row, the index): a flood of tiny bodies
 * fills the bound too, and a put removes at most maxEntryBytes / ROW_OVERHEAD rows.
 */
const ROW_OVERHEAD = 256;

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
  /** The clock for retries and file checks (ms; monotonic by default, so setting the time back changes nothing). */
  now?: () => number;
}

/** A body's JSON past this many bytes is not kept (ordinary articles are ~10 KB). */
export const MAX_ENTRY_BYTES = 1024 * 1024;

// `total` holds the sum of `size`, kept by triggers: every server sharing the file sees one bound.
const DDL = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE renders (key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL);
  CREATE INDEX renders_by_use ON renders (used);
  CREATE TABLE total (id INTEGER PRIMARY KEY CHECK (id = 0), bytes INTEGER NOT NULL);
  INSERT INTO total (id, bytes) VALUES (0, 0);
  CREATE TRIGGER renders_in AFTER INSERT ON renders BEGIN
    UPDATE total SET bytes = bytes + NEW.size WHERE id = 0;
  END;
  CREATE TRIGGER renders_out AFTER DELETE ON renders BEGIN
    UPDATE total SET bytes = bytes - OLD.size WHERE id = 0;
  END;
  CREATE TRIGGER renders_change AFTER UPDATE OF size ON renders BEGIN
    UPDATE total SET bytes = bytes + NEW.size - OLD.size WHERE id = 0;
  END;
`;

const isBusy = (error: unknown) =>
  error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A file made by a newer build (its schema is newer than this code's): left alone. */
class NewerSchemaError extends Error {}

/**
 * The file's database with this schema's tables, made in one transaction when missing (or of an
 * older schema), so that servers opening it at once never remove what another one made.
 */
function openTables(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: OPEN_BUSY_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -4000');
    /** The file's schema number: 0 for none (a new file, or not ours). */
    const schemaOf = () => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) return 0;
      const row = db.prepare("SELECT value FROM meta WHERE name = 'schema'").get() as { value: string } | undefined;
      return row?.value.startsWith(SCHEMA_NAME) ? Number(row.value.slice(SCHEMA_NAME.length)) || 0 : 0;
    };
    const make = () => {
      const found = schemaOf();
      if (found === SCHEMA_VERSION) return;
      if (found > SCHEMA_VERSION) throw new NewerSchemaError(`새 빌드의 형식(${SCHEMA_NAME}${found})입니다`);
      for (const { type, name } of db
        .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'")
        .all() as { type: string; name: string }[]) {
        db.exec(`DROP ${type === 'table' ? 'TABLE' : 'TRIGGER'} IF EXISTS "${name.replaceAll('"', '""')}"`);
      }
      db.exec(DDL);
      db.prepare("INSERT INTO meta (name, value) VALUES ('schema', ?)").run(SCHEMA_NAME + SCHEMA_VERSION);
    };
    // Looked at first without a lock: only a missing or older schema waits to write.
    if (schemaOf() !== SCHEMA_VERSION) db.transaction(make).immediate();
    // From here on a request never waits for another process: a busy write is skipped.
    db.pragma('busy_timeout = 0');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

interface Connection {
  db: Database.Database;
  /** The file's inode when opened: another one means the file was removed or replaced. */
  ino: number;
  statements: ReturnType<typeof prepare>;
  checkedAt: number;
}

// "used" is one more than the file's highest (an index makes it one look-up), so that the order
// of use holds across restarts and across servers sharing the file, whatever their clocks say.
function prepare(db: Database.Database) {
  const sql = (text: string) => db.prepare(text);
  return {
    get: sql('SELECT rowid AS id, body FROM renders WHERE key = ?'),
    touch: sql('UPDATE renders SET used = (SELECT coalesce(max(used), 0) + 1 FROM renders) WHERE rowid = ?'),
    put: sql(
      `INSERT INTO renders (key, body, size, used) VALUES (?, ?, ?, (SELECT coalesce(max(used), 0) + 1 FROM renders))
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, size = excluded.size, used = excluded.used`,
    ),
    total: sql('SELECT bytes FROM total WHERE id = 0'),
    oldest: sql('SELECT rowid AS id, size FROM renders ORDER BY used LIMIT 64'),
    remove: sql('DELETE FROM renders WHERE rowid = ?'),
  };
}

/**
 * Opens the store in `file`, lazily: the file is opened at the first get or put. It never throws;
 * what goes wrong with the file is said in the log and costs only renders.
 */
export function openRenderStore({
  file,
  version,
  maxBytes = MAX_RENDER_BYTES,
  log = (message) => console.error(message),
  now = () => performance.now(),
}: RenderStoreOptions): RenderStore {
  const maxEntryBytes = Math.min(MAX_ENTRY_BYTES, maxBytes / 10);
  let connection: Connection | undefined;
  let offUntil = -Infinity;
  /** What the log last said went wrong: said again only after the store has worked since. */
  let said: string | undefined;
  let closed = false;

  const say = (what: string, error: unknown) => {
    const message = `[render] ${file}: ${what} (${messageOf(error)})`;
    if (message !== said) log(message);
    said = message;
  };

  const drop = () => {
    try {
      connection?.db.close();
    } catch {
      // A broken connection may fail to close; it is dropped either way.
    }
    connection = undefined;
  };

  /** The inode at `file`, or undefined when there is none. */
  const inodeOf = () => {
    try {
      return fs.statSync(file).ino;
    } catch {
      return undefined;
    }
  };

  /** Removes the damaged file, unless another server has already put a new one in its place. */
  const removeDamaged = (ino: number | undefined) => {
    if (ino === undefined || inodeOf() !== ino) return;
    try {
      removeDatabaseFiles(file);
    } catch {
      // Made again at the next open, or kept off by its failure.
    }
  };

  /** A busy file skips one operation; a damaged one is replaced; anything else waits a minute. */
  const failed = (c: Connection, error: unknown) => {
    if (isBusy(error)) return;
    drop();
    if (isDamagedDatabase(error)) {
      say('렌더링한 본문 보관 파일이 손상되어 새로 만듭니다', error);
      removeDamaged(c.ino);
      return;
    }
    say(OFF_FOR_A_MINUTE, error);
    offUntil = now() + RETRY_AFTER_MS;
  };

  const open = (): Connection | undefined => {
    if (connection || closed || now() < offUntil) return connection;
    try {
      let ino = inodeOf();
      let db: Database.Database;
      try {
        db = openTables(file);
      } catch (error) {
        if (!isDamagedDatabase(error)) throw error;
        // Not a database, or damaged: derived data, so made again from nothing.
        removeDamaged(ino);
        db = openTables(file);
      }
      ino = inodeOf();
      if (ino === undefined) throw new Error('파일이 열자마자 지워졌습니다');
      connection = { db, ino, statements: prepare(db), checkedAt: now() };
    } catch (error) {
      drop();
      // Another server making the file: a few seconds later it is made.
      if (isBusy(error)) {
        offUntil = now() + RETRY_BUSY_OPEN_MS;
        return undefined;
      }
      say(
        error instanceof NewerSchemaError
          ? '새 빌드가 쓰는 파일이라 이 서버는 렌더링한 본문을 보관하지 않습니다'
          : OFF_FOR_A_MINUTE,
        error,
      );
      offUntil = now() + RETRY_AFTER_MS;
    }
    return connection;
  };

  /** Reopens when the file on disk is no longer the one open (removed, or another file put there). */
  const checkFile = (c: Connection) => {
    if (now() - c.checkedAt < CHECK_FILE_EVERY_MS) return c;
    c.checkedAt = now();
    if (inodeOf() === c.ino) return c;
    drop();
    return open();
  };

  /** Past the bound, removes the entries used longest ago until the file is within it again. */
  const shrink = (c: Connection) => {
    let over = (c.statements.total.get() as { bytes: number }).bytes - maxBytes;
    if (over <= 0) return;
    c.db.transaction(() => {
      while (over > 0) {
        const rows = c.statements.oldest.all() as { id: number; size: number }[];
        if (rows.length === 0) return;
        for (const row of rows) {
          c.statements.remove.run(row.id);
          over -= row.size;
          if (over <= 0) return;
        }
      }
    })();
  };

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
      const c = open();
      if (!c) return undefined;
      let body: RenderedBody | undefined;
      try {
        const row = c.statements.get.get(key) as { id: number; body: string } | undefined;
        body = row && toBody(row.body);
        if (!row || !body) return undefined;
        c.statements.touch.run(row.id);
      } catch (error) {
        failed(c, error);
      }
      // A body read is served even when marking it used failed (another process writing).
      return body;
    },
    put(key, body) {
      let c = open();
      if (c) c = checkFile(c);
      if (!c) return;
      const json = JSON.stringify(body);
      const bytes = Buffer.byteLength(json);
      if (bytes > maxEntryBytes) return;
      try {
        c.statements.put.run(key, json, bytes + ROW_OVERHEAD);
        shrink(c);
        said = undefined;
      } catch (error) {
        failed(c, error);
      }
    },
    close() {
      closed = true;
      drop();
    },
  };
}
