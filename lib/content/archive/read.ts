/**
 * The archive's questions: published-only lists, counts and lookups, each a bounded number of
 * index reads. The rules of lib/content/snapshot.ts that depend on other files (slug owners,
 * canonical term names, bylines, live updates) are applied to the few rows an answer needs.
 */
import type Database from 'better-sqlite3';

import { liveArticleKey } from '../live-update';
import { indexKey } from '../file-records';
import type { ContentProblem } from '../parse';
import type { LoadResult } from '../schema';
import type { Article, ArticleKind, Category, LiveUpdate, Page, PhotoFile, Reporter, Series, SiteIdentity, Taxonomy } from '../types';

import { decodeValue, sortKey } from './encoding';
import {
  chooseSlugOwner,
  collectPages,
  collisionProblem,
  missingPhotoProblem,
  orphanUpdateProblem,
  redirectProblem,
  toBylines,
  toReporterDirectory,
  type ReporterDirectory,
} from '../rules';
import { ALL, TAXONOMY } from './tables';
import type { ArchiveReader, ArticleStamp, ListQuery, TermCount } from './types';

type Db = Database.Database;

interface ArticleRow {
  id: number;
  path: string;
  slug: string;
  published: number;
  draft: number;
  solo: number;
  first: Buffer;
}

interface ListedRow {
  id: number;
  published: number;
  skey: Buffer;
}

interface StampRow {
  slug: string;
  published: number;
  updated: number | null;
  kind: ArticleKind;
  agency: string | null;
  skey: Buffer;
}

/** What is small enough to keep per change (profiles, pages, the site), rebuilt after each apply. */
interface SmallFiles {
  counter: number;
  directory: ReporterDirectory;
  pages: Map<string, Page>;
  series: Map<string, Series>;
  pageProblems: ContentProblem[];
  site?: SiteIdentity;
  siteBroken: boolean;
  names: Map<string, string | null>;
}

const ROW = 'a.id, a.path, a.slug, a.published, a.draft, a.solo, a.first';
/** Published at @now and the only published file with its slug (see chooseSlugOwner). */
const VISIBLE = `a.draft = 0 AND a.published <= @now AND (a.solo = 1 OR NOT EXISTS (
  SELECT 1 FROM articles b WHERE b.slug = a.slug AND b.id <> a.id AND b.draft = 0 AND b.published <= @now))`;
/**
 * Visible at @now and after the cursor (@p, @k) in list order. One upper bound on the time, the lower
 * of the two: given `published <= @now` and `<= @p` apart, SQLite sought to now and stepped down to
 * the cursor (0.24 s for a 2016 article's older neighbour among 100,000; at each thousand of a
 * sitemap part, every newer article).
 */
const OLDER_THAN_CURSOR = `a.draft = 0 AND a.published <= min(@p, @now) AND (a.published < @p OR a.skey > @k) AND (a.solo = 1 OR NOT EXISTS (
  SELECT 1 FROM articles b WHERE b.slug = a.slug AND b.id <> a.id AND b.draft = 0 AND b.published <= @now))`;
const TERM_VISIBLE = `t.draft = 0 AND t.published <= @now AND (t.solo = 1 OR NOT EXISTS (
  SELECT 1 FROM articles x JOIN articles b ON b.slug = x.slug
  WHERE x.id = t.article AND b.id <> x.id AND b.draft = 0 AND b.published <= @now))`;
const collator = new Intl.Collator('ko');
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const MAX_NAME_CACHE = 10_000;
/** Stamps read per keyset step: a sitemap part of 50,000 is 50 short statements. */
const STAMP_BATCH = 1000;

/** Builds the reader over an open database; statements are prepared once. */
export function createReader(db: Db): ArchiveReader & { changeCounter(): number } {
  const s = {
    meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    group: db.prepare<[string], ArticleRow>(`SELECT ${ROW} FROM articles a WHERE a.slug = ?`),
    byId: db.prepare<[number], ArticleRow & { result: string }>(
      `SELECT ${ROW}, f.result FROM articles a JOIN files f ON f.path = a.path WHERE a.id = ?`,
    ),
    keyNeighbours: db.prepare<[string, string], ArticleRow>(`SELECT ${ROW} FROM articles a WHERE a.path > ? AND a.path < ?`),
    // The partial index holds a series' articles in reading order: the walk stops at @limit.
    seriesOrder: db.prepare<{ now: number; term: string; limit: number }, { slug: string }>(
      `SELECT a.slug FROM article_terms t INDEXED BY terms_series JOIN articles a ON a.id = t.article
       WHERE t.taxonomy = ${TAXONOMY.series} AND t.term = @term AND ${TERM_VISIBLE}
       ORDER BY t.ord, t.published, t.skey LIMIT @limit`,
    ),
    // Many slugs' files with their stats, and their owners' categories and tags: indexKeysOf's two
    // lookups a batch (the slugs and ids as a JSON array).
    groupFiles: db.prepare<[string], ArticleRow & { size: number; mtime: number }>(
      `SELECT ${ROW}, f.size, f.mtime FROM articles a JOIN files f ON f.path = a.path
       WHERE a.slug IN (SELECT value FROM json_each(?))`,
    ),
    shortTerms: db.prepare<[string], { article: number; taxonomy: number; term: string; name: string }>(
      `SELECT article, taxonomy, term, name FROM article_terms
       WHERE article IN (SELECT value FROM json_each(?)) AND taxonomy IN (${TAXONOMY.category}, ${TAXONOMY.tag})
       ORDER BY article, taxonomy, pos`,
    ),
    updates: db.prepare<[string], { result: string }>(
      'SELECT f.result FROM live_updates u JOIN files f ON f.path = u.path WHERE u.article_key = ?',
    ),
    termName: db.prepare<[number, string], { name: string | null }>('SELECT name FROM term_counts WHERE taxonomy = ? AND term = ?'),
    termUsers: db.prepare<[number, string, number, number], ArticleRow & { name: string }>(
      `SELECT t.name, ${ROW} FROM article_terms t JOIN articles a ON a.id = t.article
       WHERE t.taxonomy = ? AND t.term = ? ORDER BY t.first, a.id LIMIT ? OFFSET ?`,
    ),
    claims: db.prepare<[string], ArticleRow>(
      `SELECT ${ROW} FROM redirect_claims c JOIN articles a ON a.id = c.article WHERE c.old = ?`,
    ),
    termCounts: db.prepare<[number], { term: string; n: number; name: string | null }>(
      'SELECT term, n, name FROM term_counts WHERE taxonomy = ?',
    ),
    termCount: db.prepare<[number, string], { n: number }>('SELECT n FROM term_counts WHERE taxonomy = ? AND term = ?'),
    futureAll: db.prepare<{ now: number }, { c: number }>(
      'SELECT COUNT(*) AS c FROM articles a WHERE a.draft = 0 AND a.published > @now AND a.solo = 1',
    ),
    sharedAll: db.prepare<{ now: number }, { c: number }>(`SELECT COUNT(*) AS c FROM articles a INDEXED BY articles_shared WHERE a.solo = 0 AND ${VISIBLE}`),
    futureTerm: db.prepare<{ now: number; taxonomy: number; term: string }, { c: number }>(
      `SELECT COUNT(*) AS c FROM article_terms t WHERE t.taxonomy = @taxonomy AND t.term = @term
       AND t.draft = 0 AND t.published > @now AND t.solo = 1`,
    ),
    sharedTerm: db.prepare<{ now: number; taxonomy: number; term: string }, { c: number }>(
      `SELECT COUNT(*) AS c FROM article_terms t INDEXED BY terms_shared WHERE t.solo = 0 AND t.taxonomy = @taxonomy AND t.term = @term AND ${TERM_VISIBLE}`,
    ),
    futureTerms: db.prepare<{ now: number; taxonomy: number }, { term: string; c: number }>(
      // From the few scheduled articles to their terms (CROSS JOIN keeps that order): SQLite,
      // left to itself, walked every term of the taxonomy (0.7 s at 100,000 articles).
      `SELECT t.term, COUNT(*) AS c FROM articles a CROSS JOIN article_terms t ON t.article = a.id AND t.taxonomy = @taxonomy
       WHERE a.draft = 0 AND a.published > @now AND a.solo = 1 GROUP BY t.term`,
    ),
    sharedTerms: db.prepare<{ now: number; taxonomy: number }, { term: string; c: number }>(
      // Only the rare shared slugs' rows (the partial index), not every term of the taxonomy.
      `SELECT t.term, COUNT(*) AS c FROM article_terms t INDEXED BY terms_shared
       WHERE t.solo = 0 AND t.taxonomy = @taxonomy AND ${TERM_VISIBLE} GROUP BY t.term`,
    ),
    newer: db.prepare<{ now: number; p: number; k: Buffer }, { id: number }>(
      `SELECT a.id FROM articles a WHERE ${VISIBLE} AND a.published >= @p AND (a.published > @p OR a.skey < @k)
       ORDER BY a.published ASC, a.skey DESC LIMIT 1`,
    ),
    older: db.prepare<{ now: number; p: number; k: Buffer; limit: number }, ListedRow>(
      `SELECT a.id, a.published, a.skey FROM articles a WHERE ${OLDER_THAN_CURSOR}
       ORDER BY a.published DESC, a.skey LIMIT @limit`,
    ),
    position: db.prepare<{ now: number; offset: number }, Omit<ListedRow, 'id'>>(
      `SELECT a.published, a.skey FROM articles a WHERE ${VISIBLE} ORDER BY a.published DESC, a.skey LIMIT 1 OFFSET @offset`,
    ),
    olderStamps: db.prepare<{ now: number; p: number; k: Buffer; limit: number }, StampRow>(
      `SELECT a.slug, a.published, a.updated, a.kind, a.agency, a.skey FROM articles a WHERE ${OLDER_THAN_CURSOR}
       ORDER BY a.published DESC, a.skey LIMIT @limit`,
    ),
    nextBoundary: db.prepare<[number], { t: number }>('SELECT t FROM boundaries WHERE t > ? ORDER BY t LIMIT 1'),
    previousBoundary: db.prepare<[number], { t: number }>('SELECT t FROM boundaries WHERE t <= ? ORDER BY t DESC LIMIT 1'),
    smallFiles: db.prepare<[], { path: string; kind: string; result: string | null }>(
      'SELECT s.path, s.kind, f.result FROM small_files s JOIN files f ON f.path = s.path',
    ),
    photos: db.prepare<[string, number], { path: string; absolute: string; size: number; mtime: number }>(
      'SELECT path, absolute, size, mtime FROM photos WHERE path > ? ORDER BY path LIMIT ?',
    ),
    fileProblems: db.prepare<[string, number, number], { path: string; seq: number; problem: string }>(
      'SELECT path, seq, problem FROM problems WHERE (path, seq) > (?, ?) ORDER BY path, seq LIMIT ?',
    ),
    fileErrors: db.prepare<[string, number, number], { path: string; seq: number; problem: string }>(
      "SELECT path, seq, problem FROM problems WHERE severity = 'error' AND (path, seq) > (?, ?) ORDER BY path, seq LIMIT ?",
    ),
    problemCounts: db.prepare<[], { severity: string; c: number }>('SELECT severity, COUNT(*) AS c FROM problems GROUP BY severity'),
    missingRefs: db.prepare<[number], { owner: string; field: string; photo: string; line: number | null }>(
      'SELECT owner, field, photo, line FROM photo_refs WHERE missing = 1 ORDER BY owner LIMIT ?',
    ),
    missingRefCount: db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM photo_refs WHERE missing = 1'),
    sharedSlugs: db.prepare<[], { slug: string }>('SELECT DISTINCT slug FROM articles WHERE solo = 0'),
    updateKeys: db.prepare<[], { article_key: string; paths: string }>(
      "SELECT article_key, group_concat(path, char(0)) AS paths FROM live_updates GROUP BY article_key",
    ),
    contestedClaims: db.prepare<[], { old: string }>(
      `SELECT DISTINCT c.old FROM redirect_claims c WHERE EXISTS (SELECT 1 FROM articles WHERE slug = c.old)
       OR EXISTS (SELECT 1 FROM redirect_claims d WHERE d.old = c.old AND d.article <> c.article)`,
    ),
  };
  const lists = new Map<string, Database.Statement>();

  const changeCounter = () => Number(s.meta.get('change_counter')?.value ?? '0');

  let small: SmallFiles | undefined;
  function getSmall(): SmallFiles {
    const counter = changeCounter();
    if (small?.counter === counter) return small;
    const rows = s.smallFiles.all().sort((a, b) => byPath(a.path, b.path));
    const profiles: Reporter[] = [];
    const pages: Page[] = [];
    const series = new Map<string, Series>();
    let site: SiteIdentity | undefined;
    let siteBroken = false;
    for (const row of rows) {
      const result = row.result === null ? undefined : decodeValue<LoadResult>(row.result);
      if (!result) continue;
      if (!result.ok) siteBroken ||= row.kind === 'site';
      else if ('reporter' in result) profiles.push(result.reporter);
      else if ('page' in result) pages.push(result.page);
      else if ('series' in result) series.set(result.series.id, result.series);
      else if ('site' in result) site = result.site;
    }
    if (siteBroken && !site) {
      const lastGood = s.meta.get('last_good_site')?.value;
      if (lastGood) site = decodeValue<SiteIdentity>(lastGood);
    }
    const pageProblems: ContentProblem[] = [];
    small = {
      counter,
      directory: toReporterDirectory(profiles),
      pages: collectPages(pages, pageProblems),
      series,
      pageProblems,
      site,
      siteBroken,
      names: new Map(),
    };
    return small;
  }

  /** Which of a slug's rows owns it at `now` (chooseSlugOwner over the index's rows). */
  function ownerAmong<R extends ArticleRow>(rows: readonly R[], now: number): R | undefined {
    return chooseSlugOwner(rows.map((row) => ({ row, draft: row.draft === 1, published: row.published })), now)?.row;
  }

  const ownerOf = (slug: string, now: number) => ownerAmong(s.group.all(slug), now);

  const isOwner = (row: ArticleRow, now: number) => row.solo === 1 || ownerOf(row.slug, now)?.id === row.id;

  /** A term's name as the first file (in path order of slug groups) that owns its slug writes it. */
  function canonicalName(taxonomy: number, term: Category, now: number, small = getSmall()): string {
    const cache = small.names;
    const key = `${taxonomy}\u0000${term.slug}`;
    let stored = cache.get(key);
    if (stored === undefined) {
      stored = s.termName.get(taxonomy, term.slug)?.name ?? null;
      if (cache.size >= MAX_NAME_CACHE) cache.clear();
      cache.set(key, stored);
    }
    if (stored !== null) return stored;
    for (let offset = 0; ; offset += 64) {
      const rows = s.termUsers.all(taxonomy, term.slug, 64, offset);
      for (const row of rows) if (isOwner(row, now)) return row.name;
      if (rows.length < 64) return term.name;
    }
  }

  /** The live updates an article takes: none when another owner with the same file key comes first. */
  function updatesOf(row: ArticleRow, now: number, directory: ReporterDirectory): LiveUpdate[] {
    const key = liveArticleKey(row.path);
    const rows = s.updates.all(key);
    if (rows.length === 0) return [];
    for (const other of s.keyNeighbours.all(`${key}.`, `${key}/`)) {
      if (other.id === row.id || liveArticleKey(other.path) !== key) continue;
      if (Buffer.compare(other.first, row.first) < 0 && isOwner(other, now)) return [];
    }
    return rows
      .map((update) => decodeValue<LoadResult>(update.result))
      .flatMap((result) => (result.ok && 'update' in result ? [result.update] : []))
      .map((update) => ({ ...update, bylines: toBylines(update.authors, directory).bylines }))
      .sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : 1));
  }

  function toArticle(id: number, now: number): Article | undefined {
    const row = s.byId.get(id);
    if (!row) return undefined;
    const result = decodeValue<LoadResult>(row.result);
    if (!result.ok || !('article' in result)) return undefined;
    const article = result.article;
    // Once an article, not once a term: each look asks the index whether anything changed.
    const small = getSmall();
    return {
      ...article,
      categories: article.categories.map((c) => ({ name: canonicalName(TAXONOMY.category, c, now, small), slug: c.slug })),
      tags: article.tags.map((t) => ({ name: canonicalName(TAXONOMY.tag, t, now, small), slug: t.slug })),
      ...toBylines(article.authors, small.directory),
      liveUpdates: updatesOf(row, now, small.directory),
    };
  }

  const isVisible = (row: ArticleRow, now: number) => row.draft === 0 && row.published <= now;

  function listStatement(query: ListQuery): Database.Statement {
    const byTerm = query.taxonomy !== undefined;
    const key = [byTerm, query.breaking, query.top, query.withImage, query.excludeSlug !== undefined, query.since !== undefined]
      .map(Number)
      .join('');
    const known = lists.get(key);
    if (known) return known;
    const where: string[] = [];
    const needsArticle = query.breaking || query.top || query.withImage || query.excludeSlug !== undefined || query.since !== undefined;
    if (query.breaking) where.push('a.breaking = 1 AND (a.breaking_until IS NULL OR a.breaking_until > @now)');
    if (query.top) where.push('a.top = 1');
    if (query.withImage) where.push('a.has_image = 1');
    if (query.excludeSlug !== undefined) where.push('a.slug <> @exclude');
    if (query.since !== undefined) where.push('a.published >= @since');
    const sql = byTerm
      ? `SELECT t.article AS id, t.published, t.skey FROM article_terms t ${needsArticle ? 'JOIN articles a ON a.id = t.article' : ''}
         WHERE t.taxonomy = @taxonomy AND t.term = @term AND ${[TERM_VISIBLE, ...where].join(' AND ')}
         ORDER BY t.published DESC, t.skey LIMIT @limit OFFSET @offset`
      : `SELECT a.id, a.published, a.skey FROM articles a WHERE ${[VISIBLE, ...where].join(' AND ')}
         ORDER BY a.published DESC, a.skey LIMIT @limit OFFSET @offset`;
    const statement = db.prepare(sql);
    lists.set(key, statement);
    return statement;
  }

  function listRows(query: ListQuery): ListedRow[] {
    const limit = Math.max(0, Math.floor(query.limit));
    if (limit === 0 || (query.taxonomy === undefined) !== (query.term === undefined)) return [];
    const params: Record<string, unknown> = {
      now: query.now,
      limit,
      offset: Math.max(0, Math.floor(query.offset ?? 0)),
    };
    if (query.taxonomy !== undefined) {
      params.taxonomy = TAXONOMY[query.taxonomy];
      params.term = query.term?.normalize('NFC');
    }
    if (query.excludeSlug !== undefined) params.exclude = query.excludeSlug.normalize('NFC');
    if (query.since !== undefined) params.since = query.since;
    return listStatement(query).all(params) as ListedRow[];
  }

  const articlesOf = (rows: readonly { id: number }[], now: number) =>
    rows.flatMap((row) => {
      const article = toArticle(row.id, now);
      return article ? [article] : [];
    });

  function countOf(now: number, taxonomy: Taxonomy | undefined, term: string | undefined): number {
    if (taxonomy === undefined || term === undefined) {
      const n = s.termCount.get(ALL, '')?.n ?? 0;
      return n - (s.futureAll.get({ now })?.c ?? 0) + (s.sharedAll.get({ now })?.c ?? 0);
    }
    const params = { now, taxonomy: TAXONOMY[taxonomy], term: term.normalize('NFC') };
    const n = s.termCount.get(params.taxonomy, params.term)?.n ?? 0;
    return n - (s.futureTerm.get(params)?.c ?? 0) + (s.sharedTerm.get(params)?.c ?? 0);
  }

  function terms(taxonomy: Taxonomy, now: number): TermCount[] {
    const code = TAXONOMY[taxonomy];
    const counts = new Map<string, { n: number; name: string | null }>();
    for (const row of s.termCounts.all(code)) counts.set(row.term, { n: row.n, name: row.name });
    const adjust = (rows: { term: string; c: number }[], sign: number) => {
      for (const row of rows) {
        const known = counts.get(row.term);
        if (known) known.n += sign * row.c;
        else counts.set(row.term, { n: sign * row.c, name: null });
      }
    };
    adjust(s.futureTerms.all({ now, taxonomy: code }), -1);
    adjust(s.sharedTerms.all({ now, taxonomy: code }), 1);
    const found = new Map<string, TermCount>();
    const small = getSmall();
    const directory = small.directory;
    if (taxonomy === 'reporters') {
      for (const reporter of directory.byId.values()) found.set(reporter.id, { name: reporter.name, slug: reporter.id, count: 0 });
    }
    for (const [slug, { n }] of counts) {
      if (n <= 0) continue;
      const known = found.get(slug);
      if (known) known.count = n;
      else found.set(slug, { name: canonicalName(code, { name: slug, slug }, now, small), slug, count: n });
    }
    return [...found.values()].sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
  }

  function publishedBySlug(slug: string, now: number): ArticleRow | undefined {
    const owner = ownerOf(slug.normalize('NFC'), now);
    return owner && isVisible(owner, now) ? owner : undefined;
  }

  function* iterate({ now, batch = 500 }: { now: number; batch?: number }): Generator<Article> {
    const size = Math.max(1, Math.floor(batch));
    let cursor: { p: number; k: Buffer } = { p: Number.MAX_SAFE_INTEGER, k: Buffer.alloc(0) };
    for (;;) {
      const rows = s.older.all({ now, ...cursor, limit: size });
      yield* articlesOf(rows, now);
      const last = rows.at(-1);
      if (!last || rows.length < size) return;
      cursor = { p: last.published, k: last.skey };
    }
  }

  /**
   * Finds the window's first position once (an offset walk of the index), then follows on by keyset;
   * in one read transaction, so another process's apply cannot shift the window halfway.
   */
  const stamps = db.transaction(({ now, limit, offset = 0 }: { now: number; limit: number; offset?: number }): ArticleStamp[] => {
    const size = Math.floor(limit);
    const skip = Math.floor(offset);
    const out: ArticleStamp[] = [];
    if (!(size > 0) || !Number.isSafeInteger(skip) || skip < 0) return out;
    let cursor: { p: number; k: Buffer } = { p: Number.MAX_SAFE_INTEGER, k: Buffer.alloc(0) };
    if (skip > 0) {
      const before = s.position.get({ now, offset: skip - 1 });
      if (!before) return out;
      cursor = { p: before.published, k: before.skey };
    }
    while (out.length < size) {
      const batch = Math.min(STAMP_BATCH, size - out.length);
      const rows = s.olderStamps.all({ now, ...cursor, limit: batch });
      for (const row of rows) {
        out.push({
          slug: row.slug,
          published: new Date(row.published),
          updated: row.updated === null ? undefined : new Date(row.updated),
          kind: row.kind,
          agency: row.agency ?? undefined,
        });
      }
      const last = rows.at(-1);
      if (!last || rows.length < batch) break;
      cursor = { p: last.published, k: last.skey };
    }
    return out;
  });

  function* photos(): Generator<PhotoFile> {
    let after = '';
    for (;;) {
      const rows = s.photos.all(after, 500);
      for (const row of rows) yield { path: row.path, absolute: row.absolute, size: row.size, mtimeMs: row.mtime };
      const last = rows.at(-1);
      if (!last || rows.length < 500) return;
      after = last.path;
    }
  }

  /** Collisions, orphan updates and contested redirects at `now`: few rows, found by partial indexes. */
  function derivedProblems(now: number): ContentProblem[] {
    const problems: ContentProblem[] = [];
    for (const { slug } of s.sharedSlugs.all()) {
      const group = s.group.all(slug).sort((a, b) => byPath(a.path, b.path));
      const owner = ownerOf(slug, now);
      for (const row of group) {
        if (row.id === owner?.id) continue;
        const others = group.filter((other) => other !== row).map((other) => other.path);
        problems.push(collisionProblem(row.path, slug, others, owner?.path));
      }
    }
    for (const { article_key: key, paths } of s.updateKeys.all()) {
      const takers = s.keyNeighbours.all(`${key}.`, `${key}/`).filter((row) => liveArticleKey(row.path) === key);
      if (takers.some((row) => isOwner(row, now))) continue;
      for (const path of paths.split('\u0000').sort(byPath)) problems.push(orphanUpdateProblem(path, key));
    }
    for (const { old } of s.contestedClaims.all()) {
      // In the order of the list (newest first), as snapshot.ts collects claims.
      const claimants = s.claims
        .all(old)
        .filter((row) => isOwner(row, now))
        .sort((a, b) => b.published - a.published || byPath(a.slug, b.slug));
      const live = ownerOf(old, now);
      if (!live && claimants.length < 2) continue;
      for (const row of claimants) {
        const others = claimants.filter((other) => other !== row).map((other) => other.path);
        problems.push(redirectProblem(row.path, old, live?.path, others));
      }
    }
    return problems;
  }

  return {
    changeCounter,
    articleBySlug(slug, now) {
      const owner = publishedBySlug(slug, now);
      return owner ? toArticle(owner.id, now) : undefined;
    },
    articleForPreview(slug, now) {
      const owner = ownerOf(slug.normalize('NFC'), now);
      return owner ? toArticle(owner.id, now) : undefined;
    },
    indexKeysOf(slugs, now) {
      // As ownerOf and toArticle: each slug's owner, each term by its canonical name.
      const wanted = slugs.map((slug) => slug.normalize('NFC'));
      const groups = new Map<string, (ArticleRow & { size: number; mtime: number })[]>();
      for (const row of s.groupFiles.all(JSON.stringify([...new Set(wanted)]))) {
        const group = groups.get(row.slug);
        if (group) group.push(row);
        else groups.set(row.slug, [row]);
      }
      const owners = new Map<string, ArticleRow & { size: number; mtime: number }>();
      for (const [slug, group] of groups) {
        const owner = ownerAmong(group, now);
        if (owner && owner.draft === 0) owners.set(slug, owner);
      }
      const small = getSmall();
      const terms = new Map<number, { categories: { name: string }[]; tags: { name: string }[] }>();
      for (const t of s.shortTerms.all(JSON.stringify([...owners.values()].map((owner) => owner.id)))) {
        let own = terms.get(t.article);
        if (!own) terms.set(t.article, (own = { categories: [], tags: [] }));
        const name = canonicalName(t.taxonomy, { name: t.name, slug: t.term }, now, small);
        (t.taxonomy === TAXONOMY.category ? own.categories : own.tags).push({ name });
      }
      return wanted.map((slug) => {
        const owner = owners.get(slug);
        if (!owner) return undefined;
        const { categories = [], tags = [] } = terms.get(owner.id) ?? {};
        return indexKey({ source: { path: owner.path, size: owner.size, mtimeMs: owner.mtime }, categories, tags });
      });
    },
    redirect(oldSlug, now) {
      const old = oldSlug.normalize('NFC');
      if (ownerOf(old, now)) return undefined;
      const claimants = s.claims.all(old).filter((row) => isOwner(row, now));
      const target = claimants.length === 1 ? claimants[0] : undefined;
      return target && isVisible(target, now) ? toArticle(target.id, now) : undefined;
    },
    list: (query) => articlesOf(listRows(query), query.now),
    stamps,
    count: ({ now, taxonomy, term }) => countOf(now, taxonomy, term),
    terms,
    term(taxonomy, slug, now) {
      const term = slug.normalize('NFC');
      const count = countOf(now, taxonomy, term);
      const reporter = taxonomy === 'reporters' ? getSmall().directory.byId.get(term) : undefined;
      if (reporter) return { name: reporter.name, slug: term, count };
      if (count <= 0) return undefined;
      return { name: canonicalName(TAXONOMY[taxonomy], { name: term, slug: term }, now), slug: term, count };
    },
    adjacent(slug, now) {
      const owner = publishedBySlug(slug, now);
      if (!owner) return {};
      const at = { now, p: owner.published, k: sortKey(owner.slug) };
      const newer = s.newer.get(at);
      const older = s.older.get({ ...at, limit: 1 });
      return {
        newer: newer ? toArticle(newer.id, now) : undefined,
        older: older ? toArticle(older.id, now) : undefined,
      };
    },
    related(article, limit, now) {
      const size = Math.max(0, Math.floor(limit));
      if (size === 0) return [];
      const found = new Map<number, ListedRow>();
      for (const category of article.categories) {
        const rows = listRows({ now, limit: size, taxonomy: 'category', term: category.slug, excludeSlug: article.slug });
        for (const row of rows) found.set(row.id, row);
      }
      const chosen = [...found.values()]
        .sort((a, b) => b.published - a.published || Buffer.compare(a.skey, b.skey))
        .slice(0, size);
      return articlesOf(chosen, now);
    },
    iterate,
    nextBoundary: (now) => s.nextBoundary.get(now)?.t,
    previousBoundary: (now) => s.previousBoundary.get(now)?.t ?? 0,
    seriesOrder(id, now, limit) {
      const size = Math.max(0, Math.floor(limit));
      if (size === 0) return [];
      return s.seriesOrder.all({ now, term: id.normalize('NFC'), limit: size }).map((row) => row.slug);
    },
    reporters: () => getSmall().directory.byId,
    series: () => getSmall().series,
    pages: () => getSmall().pages,
    site() {
      const { site, siteBroken } = getSmall();
      return { site, siteBroken };
    },
    photos,
    problems({ now, limit, errorsOnly = false }) {
      const size = Math.max(0, Math.floor(limit));
      const out: ContentProblem[] = [];
      const kept = (problems: ContentProblem[]) => (errorsOnly ? problems.filter((p) => p.severity === 'error') : problems);
      const page = errorsOnly ? s.fileErrors : s.fileProblems;
      let after: [string, number] = ['', -1];
      while (out.length < size) {
        const rows = page.all(after[0], after[1], Math.min(500, size - out.length));
        for (const row of rows) out.push(decodeValue<ContentProblem>(row.problem));
        const last = rows.at(-1);
        if (!last || rows.length < 500) break;
        after = [last.path, last.seq];
      }
      if (out.length < size) out.push(...kept(derivedProblems(now)).slice(0, size - out.length));
      if (out.length < size) {
        for (const ref of s.missingRefs.all(size - out.length)) out.push(missingPhotoProblem(ref.owner, ref.field, ref.photo, ref.line ?? undefined));
      }
      if (out.length < size) out.push(...kept(getSmall().pageProblems).slice(0, size - out.length));
      return out;
    },
    problemCounts(now) {
      const counts = { errors: 0, warnings: 0 };
      for (const row of s.problemCounts.all()) {
        if (row.severity === 'error') counts.errors += row.c;
        else counts.warnings += row.c;
      }
      for (const problem of [...derivedProblems(now), ...getSmall().pageProblems]) {
        if (problem.severity === 'error') counts.errors += 1;
        else counts.warnings += 1;
      }
      counts.errors += s.missingRefCount.get()?.c ?? 0;
      return counts;
    },
    fileCount: () => Number(s.meta.get('file_count')?.value ?? '0'),
  };
}


