import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { CountRules, ViewCount, ViewCounter } from './types';

const HOUR = 3_600_000;

/**
 * Views in SQLite (better-sqlite3): hourly counts per article; per visitor and article, when it was
 * last counted and how often today; per visitor, how often today. A day's window is a sum over at
 * most 24 rows per article. WAL, so readers of the list never wait for a beacon.
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
      DROP TABLE IF EXISTS seen;
      CREATE TABLE IF NOT EXISTS marks (
        visitor TEXT NOT NULL, slug TEXT NOT NULL, at INTEGER NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (visitor, slug)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS marks_by_time ON marks (at);
      CREATE TABLE IF NOT EXISTS visitors (
        visitor TEXT PRIMARY KEY, at INTEGER NOT NULL, total INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS visitors_by_time ON visitors (at);
    `);
  } catch (error) {
    db.close();
    throw error;
  }
  const getMark = db.prepare<[string, string], { at: number; count: number }>(
    'SELECT at, count FROM marks WHERE visitor = ? AND slug = ?',
  );
  const getTotal = db.prepare<[string], { total: number }>(
    'SELECT total FROM visitors WHERE visitor = ?',
  );
  const mark = db.prepare(
    `INSERT INTO marks (visitor, slug, at, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (visitor, slug) DO UPDATE SET at = excluded.at, count = count + 1`,
  );
  const addTotal = db.prepare(
    `INSERT INTO visitors (visitor, at, total) VALUES (?, ?, 1)
     ON CONFLICT (visitor) DO UPDATE SET at = excluded.at, total = total + 1`,
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
  const pruneMarks = db.prepare('DELETE FROM marks WHERE at < ?');
  const pruneVisitors = db.prepare('DELETE FROM visitors WHERE at < ?');
  const record = db.transaction((slug: string, visitor: string, now: number, rules: CountRules) => {
    const last = getMark.get(visitor, slug);
    if (last && (last.at > now - rules.dedupeMs || last.count >= rules.perArticle)) return false;
    if ((getTotal.get(visitor)?.total ?? 0) >= rules.perVisitor) return false;
    mark.run(visitor, slug, now);
    addTotal.run(visitor, now);
    add.run(slug, Math.floor(now / HOUR));
    return true;
  });

  return {
    kind: 'sqlite',
    record: (slug, visitor, now, rules) => record(slug, visitor, now, rules),
    top: (since, limit) => top.all(Math.floor(since / HOUR), limit) as ViewCount[],
    prune(before, seenBefore) {
      pruneViews.run(Math.floor(before / HOUR));
      pruneMarks.run(seenBefore);
      pruneVisitors.run(seenBefore);
    },
    close: () => db.close(),
  };
}
