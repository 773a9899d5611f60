/**
 * Every question the archive asks is answered from an index, never by walking a large table: at
 * 100,000 articles SQLite, left to choose, counted a taxonomy's scheduled articles by walking every
 * term of it (0.7 s on each page that lists categories) and the shared slugs by walking every
 * article (73 ms on home). With no statistics (the index is never ANALYZEd) the planner chooses
 * from the schema and the SQL alone, so the plans on an empty database are the plans at a million.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createReader } from './read';
import { DDL } from './tables';

/** Tables whose whole walk is bounded by what is wrong or rare in the content, not by its size. */
const SMALL = ['small_files', 'problems', 'photo_refs', 'live_updates', 'redirect_claims', 'articles_shared'];

function bind(sql: string): unknown[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  if (named.length > 0) return [Object.fromEntries(named.map((name) => [name, name === 'k' ? Buffer.alloc(0) : 1]))];
  return Array.from({ length: sql.split('?').length - 1 }, () => 1);
}

/** The plan's steps that read more than a bounded part of a large table. */
function unbounded(sql: string, plan: string[]): string[] {
  const small = (name: string) => SMALL.some((table) => name === table || sql.includes(`${table} ${name} `));
  return plan.filter((step) => {
    const scanned = /^SCAN (\w+)/.exec(step)?.[1];
    if (scanned) return !small(scanned) && !SMALL.some((table) => step.includes(table));
    // A search on a term index by taxonomy alone walks every article's terms of that taxonomy.
    if (/USING (COVERING )?INDEX terms_(list|first) \(taxonomy=\?\)/.test(step)) return true;
    // Counting what is published up to now by walking it: every article there is.
    return /^SELECT COUNT/.test(sql) && /INDEX (articles|terms)_list \(.*published<\?\)/.test(step);
  });
}

describe('archive query plans', () => {
  it('answers every question from an index, whatever the size of the archive', () => {
    const db = new Database(':memory:');
    db.exec(DDL);
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    // Record each statement the reader prepares (at creation, and the list questions it builds).
    const recording = new Proxy(db, {
      get: (target, key) =>
        key === 'prepare'
          ? (sql: string) => {
              statements.push(sql);
              return prepare(sql);
            }
          : Reflect.get(target, key, target),
    });
    const reader = createReader(recording);
    const now = Date.UTC(2026, 0, 1);
    for (const taxonomy of ['category', 'tag', 'reporters'] as const) {
      reader.terms(taxonomy, now);
      reader.count({ now, taxonomy, term: 'x' });
      reader.list({ now, limit: 20, offset: 40, taxonomy, term: 'x' });
    }
    reader.count({ now });
    reader.list({ now, limit: 20 });
    reader.list({ now, limit: 5, breaking: true });
    reader.list({ now, limit: 5, top: true, withImage: true });
    reader.list({ now, limit: 5, since: now - 86_400_000, excludeSlug: 'a' });

    const found = [...new Set(statements)].flatMap((sql) => {
      const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...bind(sql)) as { detail: string }[]).map((row) => row.detail);
      const bad = unbounded(sql, plan);
      return bad.length > 0 ? [`${sql.replace(/\s+/g, ' ').slice(0, 120)}… → ${bad.join(' | ')}`] : [];
    });
    expect(statements.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
    db.close();
  });
});
