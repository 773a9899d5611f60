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
    // The caller's own list of keys (a JSON array bound to the statement): as long as what it asks.
    if (scanned === 'json_each') return false;
    if (scanned) return !small(scanned) && !SMALL.some((table) => step.includes(table));
    // A search on a term index by taxonomy alone walks every article's terms of that taxonomy.
    if (/USING (COVERING )?INDEX terms_(list|first) \(taxonomy=\?\)/.test(step)) return true;
    // Counting what is published up to now by walking it: every article there is.
    return /^SELECT COUNT/.test(sql) && /INDEX (articles|terms)_list \(.*published<\?\)/.test(step);
  });
}

/** A reader over an empty index whose every prepared statement (at creation, and the list questions it builds) is kept. */
function recordingReader() {
  const db = new Database(':memory:');
  db.exec(DDL);
  const statements: string[] = [];
  const prepare = db.prepare.bind(db);
  const recording = new Proxy(db, {
    get: (target, key) =>
      key === 'prepare'
        ? (sql: string) => {
            statements.push(sql);
            return prepare(sql);
          }
        : Reflect.get(target, key, target),
  });
  return { db, prepare, statements, reader: createReader(recording) };
}

/**
 * Where a statement's first index seek starts, read from its bytecode: the named parameter whose
 * value the seek key is (SQLite numbers named parameters in the order they first appear and loads
 * each with `Variable`), or 'expression' when the key is computed (`min(@p, @now)`).
 */
function seekStart(prepare: (sql: string) => Database.Statement, sql: string): string {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))];
  const code = prepare(`EXPLAIN ${sql}`).all(...bind(sql)) as { addr: number; opcode: string; p1: number; p2: number; p3: number }[];
  const seek = code.find((op) => /^Seek(GE|GT|LE|LT)$/.test(op.opcode));
  let register = seek?.p3;
  for (let depth = 0; depth < 8; depth += 1) {
    const writer = code.find((op) => (op.opcode === 'Variable' || /^S?Copy$/.test(op.opcode)) && op.p2 === register);
    if (!writer) return 'expression';
    if (writer.opcode === 'Variable') return named[writer.p1 - 1] ?? 'expression';
    register = writer.p1;
  }
  return 'expression';
}

describe('archive query plans', () => {
  it('answers every question from an index, whatever the size of the archive', () => {
    const { db, prepare, statements, reader } = recordingReader();
    const now = Date.UTC(2026, 0, 1);
    for (const taxonomy of ['category', 'tag', 'reporters', 'series'] as const) {
      reader.terms(taxonomy, now);
      reader.count({ now, taxonomy, term: 'x' });
      reader.list({ now, limit: 20, offset: 40, taxonomy, term: 'x' });
    }
    reader.seriesOrder('x', now, 500);
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

  it('starts each step of a walk from a cursor at the cursor, not at now', () => {
    const { db, prepare, statements } = recordingReader();
    // Walks down from (@p, @k): the next thousand of a sitemap part, the article before one. Seeking
    // to now and stepping down to the cursor read every newer article, at each step.
    const walks = [...new Set(statements)].filter((sql) => /a\.published <= [^\n]*@p/.test(sql));
    expect(walks.length).toBeGreaterThanOrEqual(2);
    for (const sql of walks) expect(seekStart(prepare, sql), sql.replace(/\s+/g, ' ').slice(0, 100)).not.toBe('now');
    db.close();
  });

  it('walks stamps (a sitemap part, a report of kinds and agencies) from the list index alone, no article row read', () => {
    const { db, prepare, statements, reader } = recordingReader();
    reader.stamps({ now: Date.UTC(2026, 0, 1), limit: 10, offset: 5 });
    const walk = [...new Set(statements)].find((sql) => /a\.kind, a\.agency/.test(sql));
    expect(walk).toBeDefined();
    const plan = (prepare(`EXPLAIN QUERY PLAN ${walk}`).all(...bind(walk ?? '')) as { detail: string }[]).map((row) => row.detail);
    expect(plan[0]).toMatch(/^SEARCH a USING COVERING INDEX articles_list/);
    db.close();
  });
});
