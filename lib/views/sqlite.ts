import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { ViewCount, ViewCounter } from './types';

const HOUR = 3_600_000;

/**
 * Views in SQLite (better-sqlite3): hourly counts per article, and one dedupe mark per visitor and
 * article, so a day's window is a sum over at most 24 rows per article. WAL, so readers of the
 * list never wait for a beacon.
 */
export function openSqliteCounter(file: string): ViewCounter {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 1000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS views (
        slug TEXT NOT NULL, hour INTEGER NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (slug, hour)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS views_by_hour ON views (hour);
      CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS seen_by_time ON seen (at);
    `);
  } catch (error) {
    db.close();
    throw error;
  }
  // A mark older than the dedupe window is overwritten, and then the view counts.
  const mark = db.prepare(
    `INSERT INTO seen (key, at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET at = excluded.at WHERE seen.at <= ?`,
  );
  const add = db.prepare(
    `INSERT INTO views (slug, hour, count) VALUES (?, ?, 1)
     ON CONFLICT (slug, hour) DO UPDATE SET count = count + 1`,
  );
  const top = db.prepare(
    `SELECT slug, SUM(count) AS views FROM views WHERE hour >= ?
     GROUP BY slug ORDER BY views DESC, slug LIMIT ?`,
  );
  const pruneViews = db.prepare('DELETE FROM views WHERE hour < ?');
  const pruneSeen = db.prepare('DELETE FROM seen WHERE at < ?');
  const record = db.transaction((slug: string, visitor: string, now: number, dedupeMs: number) => {
    const counted = mark.run(`${visitor}\u0000${slug}`, now, now - dedupeMs).changes > 0;
    if (counted) add.run(slug, Math.floor(now / HOUR));
    return counted;
  });

  return {
    kind: 'sqlite',
    record: (slug, visitor, now, dedupeMs) => record(slug, visitor, now, dedupeMs),
    top: (since, limit) => top.all(Math.floor(since / HOUR), limit) as ViewCount[],
    prune(before, seenBefore) {
      pruneViews.run(Math.floor(before / HOUR));
      pruneSeen.run(seenBefore);
    },
    close: () => db.close(),
  };
}
