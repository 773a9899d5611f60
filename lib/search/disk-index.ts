/**
 * The search index on disk (SQLite, WAL): the words of every indexed article in an FTS5 table,
 * and per article what a hit needs (slug, publish time, snippet text). Memory does not grow with
 * the archive: a query reads the postings it walks and the rows of the page it shows.
 *
 * Words are ours, not SQLite's: tokenizeForIndex splits them (Korean compounds, particles and all),
 * and FTS5 stores them space-joined behind its `ascii` tokenizer, which splits on spaces and keeps
 * every other non-ASCII character, so a word is one token exactly as the in-memory engine has it.
 * A title word is stored twice: as itself and behind TITLE_MARK, so "matches in the title" is a
 * posting list of its own rather than a column check on every match.
 *
 * Each article's row id orders the archive newest first (publish time, then slug), so ranking is
 * the order FTS5 walks its postings in: title matches, then the others, each newest first, and a
 * page stops after its rows. Scheduled articles are indexed with their time and found once it has
 * come (a row-id bound); drafts are never stored.
 */
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { indexKey } from '@/lib/content/file-records';
import type { Article } from '@/lib/content/types';
import { isDamagedDatabase, removeDatabaseFiles } from '@/lib/sqlite-files';

import { TITLE_MARK, toDocument, toSearchFields, toSnippetText, wordsOf, type SearchFields } from './article-words';
import { MAX_PREFIX_EXPANSION } from './engine';
import { MIN_PREFIX_LENGTH, RESULTS_PER_PAGE } from './limits';
import type { BodyWords } from './text';

/**
 * Bump when the words, the key or the tables change: an index of another schema is rebuilt, where
 * one of this schema keeps every entry whose file is unchanged (3: blocks' words kept apart; 4:
 * Markdown's words as its page shows them, without what the sanitizer drops).
 */
const SCHEMA = 'hangul-news-search/4';

/**
 * Matches counted per query at most. Beyond it the total is "at least" (`more`), and pages stop
 * there: at a million articles a word in every article would otherwise be counted in full.
 */
export const MAX_COUNTED = 10_000;

/** Vocabulary words a connection remembers having written (SearchIndex inVocabulary): ~10 MB. */
const KNOWN_WORDS = 150_000;

// Row id = (publish ms + MS_OFFSET) << RANK_BITS | rank. Ranks order articles published in the same
// millisecond by slug (smaller slug, higher rank, since pages walk row ids downwards), with gaps so
// that one insert rarely moves another; when a gap closes, a few neighbours are relabelled.
const RANK_BITS = 20n;
const RANKS = 1n << RANK_BITS;
const MS_LIMIT = 2 ** 42; // ±139 years around 1970; times beyond are clamped
const MS_OFFSET = BigInt(MS_LIMIT);
/** Distance between neighbours when an article joins either end of its millisecond. */
const STEP = 16n;
/** The least distance between neighbours after a relabelling (see relabel). */
const RELABEL_GAP = 64n;

/** An article as the index takes it: identity, publish time and its search fields. */
export interface IndexedArticle extends SearchFields {
  slug: string;
  /** What it was made from (lib/content indexKey: file identity, terms' names): unchanged, it is not re-read. */
  sourceKey: string;
  published: Date;
  /** Drafts are never indexed (a draft replacing an article removes it). */
  draft?: boolean;
  /** Its document (article-words toDocument) when already made elsewhere; else made here. */
  document?: string;
}

export interface DiskHit {
  slug: string;
  /** The excerpt and body text, for toSnippet. */
  snippetText: string;
  inTitle: boolean;
}

export interface DiskResults {
  hits: DiskHit[];
  /** Matches, counted up to MAX_COUNTED. */
  total: number;
  /** True when there are more matches than `total` (the count stopped at MAX_COUNTED). */
  more: boolean;
  page: number;
  pageCount: number;
}

/** A query term: a whole word, or with `prefix` every word that begins with it. */
export interface QueryTerm {
  word: string;
  prefix: boolean;
  /**
   * With `prefix`: the index words it begins, when at most MAX_LISTED_PREFIX_WORDS (none: no index
   * word begins it). A prefix longer than FTS5 keeps an index of is asked as these words.
   */
  listed?: string[];
}

/**
 * The prefix lengths FTS5 keeps postings of (the table's `prefix` option, in characters). A longer
 * prefix makes FTS5 merge the whole posting list of every word it begins before the first row: at
 * a million articles "거대언어모델" * took 560 ms, where the same word alone took 2.6.
 */
const INDEXED_PREFIXES = [2, 3, 4];
const LONGEST_INDEXED_PREFIX = Math.max(...INDEXED_PREFIXES);

/**
 * A longer prefix that begins at most this many index words is asked as those words (an OR, walked
 * as lazily as one word: 16 words took 16 ms at a million articles, 64 spread-out ones 169).
 */
const MAX_LISTED_PREFIX_WORDS = 16;

/** What a query that matches nothing answers (a fresh object: callers may keep it). */
const noResults = (): DiskResults => ({ hits: [], total: 0, more: false, page: 1, pageCount: 0 });

function clampMs(date: Date): number {
  const ms = Math.trunc(date.getTime());
  if (!Number.isFinite(ms)) return 0;
  return Math.min(MS_LIMIT - 1, Math.max(-MS_LIMIT, ms));
}

const baseKey = (ms: number) => (BigInt(ms) + MS_OFFSET) << RANK_BITS;

/** The last row id of what is published at `now` (at most 2^63 - 1). */
const lastKeyAt = (now: Date) => baseKey(clampMs(now)) + RANKS - 1n;

/**
 * What toWords yields: letters and digits, lower case, NFC. Anything else can be no index word,
 * and FTS5's tokenizer would split it into a phrase, so such a word matches nothing.
 */
const isIndexWord = (word: string) =>
  /^[\p{L}\p{N}]+$/u.test(word) && word === word.normalize('NFC').toLowerCase();

/** An FTS5 string literal: our words hold no quote, but a quote is doubled all the same. */
const literal = (word: string) => `"${word.replaceAll('"', '""')}"`;

interface DocRow {
  key: bigint;
  slug: string;
  title: string;
  excerpt: string;
  extra: string;
  body: string;
}

interface Extra {
  featureText?: string;
  categories: string[];
  tags: string[];
}

function toFields(row: DocRow): SearchFields {
  const extra = JSON.parse(row.extra) as Extra;
  return { title: row.title, excerpt: row.excerpt || undefined, body: row.body, ...extra };
}

function createTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE docs (
      key INTEGER PRIMARY KEY,
      slug TEXT NOT NULL UNIQUE,
      published INTEGER NOT NULL,
      source_key TEXT NOT NULL,
      title TEXT NOT NULL,
      excerpt TEXT NOT NULL,
      extra TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX docs_order ON docs (published, slug);
    -- Every word ever indexed (never pruned: a word left over only makes a prefix's count of
    -- words larger), to count a prefix's words without reading FTS5's postings.
    CREATE TABLE vocab (word TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE VIRTUAL TABLE words USING fts5(
      w, tokenize = 'ascii', detail = 'none', content = '', contentless_delete = 1, prefix = '${INDEXED_PREFIXES.join(' ')}'
    );
  `);
  // Writes in bulk (a first start puts every article): FTS5 keeps a transaction's postings in
  // memory up to 8 MB rather than 1 MB before it writes a segment, and merges segments 8 at a time
  // rather than 4. Inserting 20,000 articles took 46% less time (152 against 281 µs each); queries
  // stayed under a millisecond.
  db.exec(`INSERT INTO words (words, rank) VALUES ('hashsize', ${8 * 1024 * 1024}), ('automerge', 8)`);
  db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('schema', SCHEMA);
}

function schemaOf(db: Database.Database): string | undefined {
  const row = db.prepare("SELECT value FROM meta WHERE name = 'schema'").get() as
    { value: string } | undefined;
  return row?.value;
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A bounded page cache per connection: memory stays flat however large the file grows.
  db.pragma('cache_size = -16000');
  db.defaultSafeIntegers(true);
  return db;
}

/**
 * Opens the search index in `file`, creating it when missing. A file that is not an index of this
 * schema (another version, corrupt, not SQLite at all) is removed and an empty one created: the
 * index is derived data, rebuilt from the articles.
 */
export function openSearchIndex(file: string, options: SearchIndexOptions = {}): SearchIndex {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file);
    if (schemaOf(db) === SCHEMA) return new SearchIndex(db, file, options);
  } catch {
    // Not a database, corrupt or without our tables: rebuilt below.
  }
  db?.close();
  removeDatabaseFiles(file);
  db = openDatabase(file);
  db.transaction(() => createTables(db!))();
  return new SearchIndex(db, file, options);
}

export interface SearchIndexOptions {
  /** Matches counted per query at most (MAX_COUNTED). */
  maxCounted?: number;
}

/** Whether `error` says the index file is damaged (then it is removed, to be rebuilt). */
export const isCorruptIndex = isDamagedDatabase;

/** An article as the index takes it, from the article and its body's words (lib/search/text.ts). */
export function toIndexedArticle(article: Article, { text, document }: BodyWords): IndexedArticle {
  return {
    ...toSearchFields(article, text),
    document,
    slug: article.slug,
    sourceKey: indexKey(article),
    published: article.published,
    draft: article.draft,
  };
}

/** The disk search index: incremental updates by slug, and paged, ranked queries. */
export class SearchIndex {
  private readonly statements;
  private readonly maxCounted: number;
  /**
   * Words this connection saw committed to the vocabulary, so that they are not inserted again:
   * a first build's batches are mostly words already there, and looking each up in the table took
   * a sixth of the writer's time. Cleared when full (memory stays flat; the common words return).
   */
  private readonly inVocabulary = new Set<string>();
  /**
   * The documents of the articles putMany's transaction put, by row id, their words not yet
   * written: empty outside it. By row id, not slug: SQLite gives a slug back changed when it holds
   * a lone surrogate, and a relabel reads slugs back.
   */
  private readonly pending = new Map<bigint, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    options: SearchIndexOptions = {},
  ) {
    this.maxCounted = options.maxCounted ?? MAX_COUNTED;
    const sql = (text: string) => db.prepare(text);
    this.statements = {
      meta: sql('SELECT value FROM meta WHERE name = ?'),
      setMeta: sql(
        'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ),
      bySlug: sql('SELECT key, source_key FROM docs WHERE slug = ?'),
      bySlugs: sql('SELECT slug, source_key FROM docs WHERE slug IN (SELECT value FROM json_each(?))'),
      deleteDoc: sql('DELETE FROM docs WHERE key = ?'),
      deleteWords: sql('DELETE FROM words WHERE rowid = ?'),
      insertDoc: sql(
        `INSERT INTO docs (key, slug, published, source_key, title, excerpt, extra, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertWords: sql('INSERT INTO words (rowid, w) VALUES (?, ?)'),
      before: sql(
        'SELECT key FROM docs WHERE published = ? AND slug < ? ORDER BY slug DESC LIMIT 1',
      ),
      after: sql('SELECT key FROM docs WHERE published = ? AND slug > ? ORDER BY slug LIMIT 1'),
      countRange: sql('SELECT count(*) AS n FROM docs WHERE key >= ? AND key < ?'),
      range: sql('SELECT * FROM docs WHERE key >= ? AND key < ?'),
      moveDoc: sql('UPDATE docs SET key = ? WHERE key = ?'),
      hit: sql('SELECT slug, excerpt, body FROM docs WHERE key = ?'),
      slugsAfter: sql('SELECT slug FROM docs WHERE slug > ? ORDER BY slug LIMIT ?'),
      count: sql('SELECT count(*) AS n FROM docs'),
      terms: sql('SELECT word FROM vocab WHERE word >= ? ORDER BY word LIMIT ?'),
      addWord: sql('INSERT OR IGNORE INTO vocab (word) VALUES (?)'),
      countMatches: sql(
        'SELECT count(*) AS n FROM (SELECT 1 FROM words WHERE words MATCH ? AND rowid <= ? LIMIT ?)',
      ),
      walk: sql(
        'SELECT rowid AS key FROM words WHERE words MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
      ),
    };
  }

  /** The content version the index was last brought up to (setVersion), or undefined. */
  getVersion(): string | undefined {
    const row = this.statements.meta.get('content') as { value: string } | undefined;
    return row?.value;
  }

  /** Records that the index now holds every article of content version `version`. */
  setVersion(version: string): void {
    this.statements.setMeta.run('content', version);
  }

  /** Whether `slug` is indexed from the file identity `sourceKey` (then it needs no re-indexing). */
  isCurrent(slug: string, sourceKey: string): boolean {
    const row = this.statements.bySlug.get(slug) as { source_key: string } | undefined;
    return row?.source_key === sourceKey;
  }

  /** What each of `slugs` is indexed from (its sourceKey), for those indexed: one lookup. */
  sourceKeysOf(slugs: readonly string[]): Map<string, string> {
    const rows = this.statements.bySlugs.all(JSON.stringify(slugs)) as { slug: string; source_key: string }[];
    return new Map(rows.map((row) => [row.slug, row.source_key]));
  }

  /** How many articles are indexed (scheduled ones included). */
  size(): number {
    return Number((this.statements.count.get() as { n: bigint }).n);
  }

  /**
   * Every indexed slug, in slug order, `size` at a time: to find articles gone from the archive.
   * Each page is read when asked for, after the last slug of the one before.
   */
  *slugPages(size = 1000): Generator<string[]> {
    let after = '';
    for (;;) {
      const slugs = (this.statements.slugsAfter.all(after, size) as { slug: string }[]).map((row) => row.slug);
      if (slugs.length > 0) yield slugs;
      if (slugs.length < size) return;
      after = slugs.at(-1)!;
    }
  }

  /** Adds or replaces one article (a draft is removed instead). */
  put(article: IndexedArticle): void {
    this.putMany([article]);
  }

  /**
   * Adds or replaces many articles in one transaction, in any order. Their words go into FTS5 at
   * the end, in row-id order: FTS5 writes its postings out as a segment whenever a row id is not
   * above the last one, so a folder's order (a day's files by name, not by time) made a segment of
   * every other article and merges of all of them (632 against 322 µs an article, 20,000 articles).
   * The articles are taken from `articles` before the transaction starts, so that nothing the
   * iterable does (a put of its own, say) runs inside it.
   */
  putMany(articles: Iterable<IndexedArticle>): void {
    const list = [...articles];
    const added = new Set<string>();
    this.guard(() =>
      this.db.transaction(() => {
        try {
          for (const article of list) {
            for (const word of this.write(article)) if (!this.inVocabulary.has(word)) added.add(word);
          }
          const keys = [...this.pending.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          for (const key of keys) this.statements.insertWords.run(key, this.pending.get(key)!);
        } finally {
          this.pending.clear();
        }
        for (const word of added) this.statements.addWord.run(word);
      })(),
    );
    // Known once committed: a transaction that failed added nothing.
    if (this.inVocabulary.size + added.size > KNOWN_WORDS) this.inVocabulary.clear();
    for (const word of added) this.inVocabulary.add(word);
  }

  /** Removes one article; an unknown slug is no error. */
  remove(slug: string): void {
    this.guard(() => this.db.transaction(() => this.discard(slug))());
  }

  close(): void {
    this.db.close();
  }

  private discard(slug: string): void {
    const row = this.statements.bySlug.get(slug) as { key: bigint } | undefined;
    if (!row) return;
    // Put earlier in this transaction: its words are not written yet.
    if (!this.pending.delete(row.key)) this.statements.deleteWords.run(row.key);
    this.statements.deleteDoc.run(row.key);
  }

  /** Writes one article, its words left pending (putMany); returns its words, for the vocabulary. */
  private write(article: IndexedArticle): Iterable<string> {
    this.discard(article.slug);
    if (article.draft) return [];
    const ms = clampMs(article.published);
    const key = this.freeKey(ms, article.slug);
    const extra: Extra = {
      featureText: article.featureText || undefined,
      categories: [...article.categories],
      tags: [...article.tags],
    };
    this.statements.insertDoc.run(
      key,
      article.slug,
      ms,
      article.sourceKey,
      article.title,
      article.excerpt ?? '',
      JSON.stringify(extra),
      article.body,
    );
    const document = article.document ?? toDocument(article);
    this.pending.set(key, document);
    return wordsOf(document);
  }

  /** A row id for `slug` among the articles published in millisecond `ms`, relabelling if need be. */
  private freeKey(ms: number, slug: string): bigint {
    const base = baseKey(ms);
    // Walking row ids downwards gives slug order, so the slug before this one holds the higher id.
    const higher = (this.statements.before.get(ms, slug) as { key: bigint } | undefined)?.key;
    const lower = (this.statements.after.get(ms, slug) as { key: bigint } | undefined)?.key;
    let key: bigint;
    if (higher === undefined && lower === undefined) key = base + (RANKS * 3n) / 4n;
    else if (lower === undefined)
      key = higher! - STEP >= base ? higher! - STEP : (base + higher!) / 2n;
    else if (higher === undefined)
      key = lower + STEP < base + RANKS ? lower + STEP : (lower + base + RANKS) / 2n;
    // Near the slug before it, leaving most of the gap to a run of ascending slugs (a folder read
    // in order) that keeps arriving here.
    else key = higher - ((higher - lower) / 8n || 1n);
    if (key > (lower ?? base - 1n) && key < (higher ?? base + RANKS)) return key;
    return this.relabel(base, lower ?? higher!, slug);
  }

  /**
   * Makes room for `slug` next to rank `at` in the millisecond starting at `base`: the smallest
   * aligned window around it sparse enough to leave RELABEL_GAP between neighbours gets its
   * articles spread evenly, `slug` among them (order maintenance, as in Bender et al.): a few
   * articles are moved per insert on average, however the slugs arrive. Moved articles' words are derived again from the stored fields.
   */
  private relabel(base: bigint, at: bigint, slug: string): bigint {
    const rank = at - base;
    for (let bits = 6n; bits <= RANK_BITS; bits += 1n) {
      const size = 1n << bits;
      const start = base + (rank / size) * size;
      const count = BigInt(
        (this.statements.countRange.get(start, start + size) as { n: bigint }).n,
      );
      // Spread so that each gap holds several more inserts (RELABEL_GAP apart); the whole
      // millisecond, when nothing smaller is sparse enough, as sparse as it can be.
      if ((count + 1n) * RELABEL_GAP > size && bits < RANK_BITS) continue;
      if (count + 1n > size / 2n)
        throw new Error(`같은 시각에 발행된 기사가 너무 많아 검색 색인에 넣을 수 없습니다.`);
      const rows = this.statements.range.all(start, start + size) as DocRow[];
      const slugs = [...rows.map((r) => r.slug), slug].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const step = size / BigInt(slugs.length);
      const keyOf = new Map(slugs.map((s, i) => [s, start + size - 1n - BigInt(i) * step]));
      // Move the rows out of the way first (negative ids are never real ones), then into place.
      // An article put earlier in this transaction has no words written yet: its pending document
      // moves with it (taken out of the map first: a new id may be another row's old one).
      const pending = rows.map((row) => this.pending.get(row.key));
      for (const row of rows) {
        if (!this.pending.delete(row.key)) this.statements.deleteWords.run(row.key);
        this.statements.moveDoc.run(-row.key - 1n, row.key);
      }
      rows.forEach((row, i) => {
        const key = keyOf.get(row.slug)!;
        this.statements.moveDoc.run(key, -row.key - 1n);
        const document = pending[i];
        if (document === undefined) this.statements.insertWords.run(key, toDocument(toFields(row)));
        else this.pending.set(key, document);
      });
      return keyOf.get(slug)!;
    }
    throw new Error('unreachable');
  }

  /**
   * How many index words `prefix` begins (up to MAX_PREFIX_EXPANSION + 1: beyond, the in-memory
   * engine asks the word itself, and so does this one), and the first of them.
   */
  private wordsBeginning(prefix: string): { count: number; first: string[] } {
    let count = 0;
    const first: string[] = [];
    const rows = this.statements.terms.iterate(prefix, MAX_PREFIX_EXPANSION + 1);
    for (const row of rows as Iterable<{ word: string }>) {
      if (!row.word.startsWith(prefix)) break;
      count += 1;
      if (first.length <= MAX_LISTED_PREFIX_WORDS) first.push(row.word);
    }
    return { count, first };
  }

  /** How each query word is asked: whole, or (two or more characters) as a prefix. */
  toTerms(words: readonly string[]): QueryTerm[] {
    return words.map((word) => {
      if (word.length < MIN_PREFIX_LENGTH) return { word, prefix: false };
      const { count, first } = this.wordsBeginning(word);
      if (count > MAX_PREFIX_EXPANSION) return { word, prefix: false };
      return count <= MAX_LISTED_PREFIX_WORDS
        ? { word, prefix: true, listed: first }
        : { word, prefix: true };
    });
  }

  /**
   * Articles published at `now` holding every word (AND), title matches first, newest first within
   * each: page `page` of them. Counting stops at MAX_COUNTED, and so do pages.
   */
  search(words: readonly string[], now: Date, page = 1): DiskResults {
    return this.guard(() => this.find(words, now, page));
  }

  /**
   * Runs `task`; when SQLite finds the file damaged, closes and removes it (the next
   * openSearchIndex starts an empty one, to be filled again) and throws, so nothing wrong is served.
   */
  private guard<T>(task: () => T): T {
    try {
      return task();
    } catch (error) {
      if (!isCorruptIndex(error)) throw error;
      this.db.close();
      removeDatabaseFiles(this.file);
      throw new Error(`검색 색인 파일이 손상되어 지웠습니다: ${this.file}`, { cause: error });
    }
  }

  private find(words: readonly string[], now: Date, page: number): DiskResults {
    if (words.length === 0 || !words.every(isIndexWord)) return noResults();
    const terms = this.toTerms(words);
    // A prefix no index word begins matches nothing (every word indexed is in the vocabulary), and
    // every term must match.
    if (terms.some((term) => term.listed?.length === 0)) return noResults();
    const ask = (term: QueryTerm, mark = '') => {
      if (!term.prefix) return literal(mark + term.word);
      if (term.listed && (mark + term.word).length > LONGEST_INDEXED_PREFIX)
        return `(${term.listed.map((word) => literal(mark + word)).join(' OR ')})`;
      return `${literal(mark + term.word)} *`;
    };
    const all = terms.map((t) => ask(t)).join(' AND ');
    const inTitle = terms.map((t) => ask(t, TITLE_MARK)).join(' OR ');
    const titleFirst = `(${all}) AND (${inTitle})`;
    const elsewhere = `(${all}) NOT (${inTitle})`;
    const until = lastKeyAt(now);

    const counted = this.count(all, until, this.maxCounted + 1);
    const more = counted > this.maxCounted;
    const total = Math.min(counted, this.maxCounted);
    const pageCount = Math.ceil(total / RESULTS_PER_PAGE);
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), Math.max(1, pageCount));
    if (total === 0) return noResults();

    const offset = (current - 1) * RESULTS_PER_PAGE;
    const wanted = Math.min(RESULTS_PER_PAGE, total - offset);
    // Title matches before this page: only as many as the page needs to know where it stands.
    const titled = this.count(titleFirst, until, offset + wanted);
    const keys: { key: bigint; inTitle: boolean }[] = [];
    if (titled > offset)
      for (const key of this.walk(titleFirst, until, titled - offset, offset))
        keys.push({ key, inTitle: true });
    if (keys.length < wanted)
      for (const key of this.walk(
        elsewhere,
        until,
        wanted - keys.length,
        Math.max(0, offset - titled),
      ))
        keys.push({ key, inTitle: false });

    const hits = keys.flatMap(({ key, inTitle: title }) => {
      const row = this.statements.hit.get(key) as
        { slug: string; excerpt: string; body: string } | undefined;
      if (!row) return [];
      return [
        {
          slug: row.slug,
          snippetText: toSnippetText({ excerpt: row.excerpt, body: row.body }),
          inTitle: title,
        },
      ];
    });
    return { hits, total, more, page: current, pageCount };
  }

  private count(match: string, until: bigint, limit: number): number {
    const row = this.statements.countMatches.get(match, until, limit) as { n: bigint };
    return Number(row.n);
  }

  private walk(match: string, until: bigint, limit: number, offset: number): bigint[] {
    return (this.statements.walk.all(match, until, limit, offset) as { key: bigint }[]).map(
      (row) => row.key,
    );
  }
}
