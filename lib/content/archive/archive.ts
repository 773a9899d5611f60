/**
 * The on-disk index of the content folder (SQLite, WAL): a cache of what the files say, never a
 * second source of truth. Opened with the caller's fingerprint of settings and content; a
 * missing, broken or foreign file is replaced by an empty one, and `rebuilt` tells the caller to
 * apply every file. One written by other parsing code is kept, `isStale()` until it is read again.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { removeDatabaseFiles } from '@/lib/sqlite-files';

import { createReader } from './read';
import { DDL, SCHEMA_VERSION } from './tables';
import type { Archive, IndexedFile, OpenArchiveOptions } from './types';
import { createWriter } from './write';

export type { Archive, ArchiveChanges, ArchiveReader, ArchiveUpsert, IndexedFile, ListQuery, TermCount } from './types';

/** Whether the file is an index this code can read as it is: same schema, same fingerprint, intact. */
function isUsable(db: Database.Database, file: string, fingerprint: string): boolean {
  try {
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) return false;
    // A full check reads every page: seconds for a large archive, on every start. Transactions
    // keep a killed process from leaving a broken file; a large file is checked by its use.
    if (fs.statSync(file).size <= QUICK_CHECK_BYTES && db.pragma('quick_check', { simple: true }) !== 'ok') return false;
    const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'fingerprint'").get();
    return row?.value === fingerprint;
  } catch {
    return false;
  }
}

/** The parser stamp of an index that holds rows of more than one build's parsing code. */
const MIXED = 'mixed';

/** Files up to this size are checked page by page when opened (a 100,000-article index is far larger). */
const QUICK_CHECK_BYTES = 64 * 1024 * 1024;

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // WAL with NORMAL survives a killed process; a power cut may lose the last commits, which the
  // next start finds again in the folder (the index is only a cache).
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16000');
  // Checkpoint every ~40 MB of log rather than 4 MB: an apply rewrites the same index pages batch
  // after batch, and each checkpoint copied them to the file again. A first read of 20,000 files
  // took 152–155 µs a file with the checkpoint after it included, against 179 (a scratch script,
  // two rounds); the log file then stays ~40 MB.
  db.pragma('wal_autocheckpoint = 10000');
}

function createFresh(file: string, fingerprint: string, parser: string): Database.Database {
  removeDatabaseFiles(file);
  const db = new Database(file, { timeout: 5000 });
  configure(db);
  db.transaction(() => {
    db.exec(DDL);
    db.prepare("INSERT INTO meta (key, value) VALUES ('fingerprint', ?)").run(fingerprint);
    db.prepare("INSERT INTO meta (key, value) VALUES ('parser', ?)").run(parser);
    // Names this index apart from every other: what follows its change counter (the search index)
    // starts over when the index it followed was replaced.
    db.prepare("INSERT INTO meta (key, value) VALUES ('instance', ?)").run(randomUUID());
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return db;
}

/** Opens one existing file when it is usable, else undefined (closed again); never throws. */
function openExisting(file: string, fingerprint: string): Database.Database | undefined {
  if (!fs.existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 5000, fileMustExist: true });
    configure(db);
    if (isUsable(db, file, fingerprint)) return db;
  } catch {
    // Not a database, or one SQLite cannot open: replaced below.
  }
  try {
    db?.close();
  } catch {
    // Closing a broken handle may fail too; the files are removed either way.
  }
  return undefined;
}

/**
 * Opens the index at `file`, replacing it when it is missing, corrupt, of another schema or
 * fingerprint. Throws only when the folder cannot be written: the caller should then use a
 * folder it can write (a temporary one), since serving without an index is not possible.
 */
/** The index cannot be kept where it was asked to be: a setting to fix, said in one line. */
export class ArchiveRefused extends Error {
  override name = 'ArchiveRefused';
}

export function openArchive({ file, fingerprint, parser = '' }: OpenArchiveOptions): Archive {
  const folder = path.dirname(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    throw new ArchiveRefused(
      `콘텐츠 색인 폴더에 쓸 수 없습니다: ${folder} (DATA_DIR을 서버가 쓸 수 있는 폴더로 지정하세요)`,
      { cause: error },
    );
  }
  let db = openExisting(file, fingerprint);
  const rebuilt = !db;
  if (!db) {
    try {
      db = createFresh(file, fingerprint, parser);
    } catch (error) {
      throw new ArchiveRefused(`콘텐츠 색인 파일을 만들 수 없습니다: ${file} (DATA_DIR을 서버가 쓸 수 있는 폴더로 지정하세요)`, {
        cause: error,
      });
    }
  }
  return wrap(db, file, rebuilt, parser);
}

function wrap(db: Database.Database, file: string, rebuilt: boolean, parser: string): Archive {
  const reader = createReader(db);
  const apply = createWriter(db);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteMeta = db.prepare('DELETE FROM meta WHERE key = ?');
  const filePage = db.prepare<[string, number], { path: string; kind: IndexedFile['kind']; size: number; mtime: number }>(
    'SELECT path, kind, size, mtime FROM files WHERE path > ? ORDER BY path LIMIT ?',
  );
  const oneFile = db.prepare<[string], { path: string; kind: IndexedFile['kind']; size: number; mtime: number }>(
    'SELECT path, kind, size, mtime FROM files WHERE path = ?',
  );
  const fileTotal = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM files');
  const changed = db.prepare<[number, number], { slug: string }>(
    'SELECT DISTINCT slug FROM slug_changes WHERE counter > ? LIMIT ?',
  );
  // Paths under a folder sort between `folder/` and `folder0` ('0' follows '/' in every collation).
  const under = db.prepare<[string, string], { path: string }>(
    'SELECT path FROM files WHERE path > ? AND path < ? ORDER BY path LIMIT 64',
  );
  const newest = db.prepare<[], { m: number | null }>('SELECT MAX(mtime) AS m FROM files');
  let stale = getMeta.get('parser')?.value !== parser;
  // Stamped as no build's before this one writes a row: stopped halfway, the index holds two
  // builds' rows, and the next start of either reads every file again (a rollback included).
  if (stale) setMeta.run('parser', MIXED);
  return {
    ...reader,
    rebuilt,
    isStale: () => stale,
    markCurrent() {
      if (!stale) return;
      setMeta.run('parser', parser);
      stale = false;
    },
    fileRecord(path) {
      const row = oneFile.get(path);
      return row && { path: row.path, kind: row.kind, size: row.size, mtimeMs: row.mtime };
    },
    fileTotal: () => fileTotal.get()?.n ?? 0,
    appliedAt: () => Number(getMeta.get('applied_at')?.value ?? '0'),
    photosChangedAt: () => Number(getMeta.get('photos_changed')?.value ?? '0'),
    instance: getMeta.get('instance')?.value ?? file,
    changedSlugs(counter, limit) {
      if (counter < Number(getMeta.get('changes_from')?.value ?? '0')) return undefined;
      const rows = changed.all(counter, limit + 1);
      return rows.length > limit ? undefined : rows.map((row) => row.slug);
    },
    hasFileUnder(prefix, except) {
      const end = `${prefix.slice(0, -1)}0`;
      // A few removed paths may be pending: past 64 of them, say yes (the caller then rescans).
      const rows = under.all(prefix, end);
      return rows.length === 64 || rows.some((row) => !except?.has(row.path));
    },
    newestMtime: () => newest.get()?.m ?? 0,
    file,
    apply,
    *files() {
      let after = '';
      for (;;) {
        const rows = filePage.all(after, 1000);
        for (const row of rows) yield { path: row.path, kind: row.kind, size: row.size, mtimeMs: row.mtime };
        const last = rows.at(-1);
        if (!last || rows.length < 1000) return;
        after = last.path;
      }
    },
    getVersion: () => getMeta.get('version')?.value,
    setVersion(version) {
      if (version === undefined) deleteMeta.run('version');
      else setMeta.run('version', version);
    },
    close: () => db.close(),
  };
}
