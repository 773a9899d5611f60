// What the on-disk indexes and stores (the content and search indexes, rendered bodies) share
// about their SQLite files: each is derived data, removed and made again when damaged.
import fs from 'node:fs';

import Database from 'better-sqlite3';

/** Removes a database file and what SQLite keeps beside it (its log, shared memory, a journal). */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB']);

/** Whether `error` says the file is not a database, or a damaged one. */
export function isDamagedDatabase(error: unknown): boolean {
  return error instanceof Database.SqliteError && DAMAGED.has(error.code);
}
