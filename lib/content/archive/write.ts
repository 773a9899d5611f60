/**
 * The archive's one writer: applies a batch of file changes, then repairs what depends on other
 * files (which file owns a slug, reporters' terms, missing photos, terms' names) for exactly the
 * rows the batch touched.
 */
import type Database from 'better-sqlite3';

import type { ContentEntry } from '../files';
import type { ContentProblem } from '../parse';
import type { LoadResult } from '../schema';
import type { Article, Reporter } from '../types';
import type { ImageRef } from '../image-ref';

import { decodeValue, encodeValue, sortKey, toMs } from './encoding';
import { NOT_CONTENT_WARNING, toBylines, toReporterDirectory, type ReporterDirectory } from '../rules';
import { TAXONOMY, UNORDERED } from './tables';
import type { ArchiveChanges, ArchiveUpsert } from './types';

type Db = Database.Database;

/** What the post-pass must look at again after the batch's rows changed. */
interface Touched {
  slugs: Set<string>;
  terms: Set<string>;
  photos: Set<string>;
  reporterKeys: Set<string>;
  /** Articles the batch added, with their authors: they have no reporters' terms yet. */
  newArticles: Map<number, readonly string[]>;
  reportersChanged: boolean;
  fileCountDelta: number;
}

const termKey = (taxonomy: number, term: string) => `${taxonomy}\u0000${term}`;

/** Whether a file counts in fileCount: as lib/content/snapshot.ts counts (not photos, not other files). */
const isCounted = (kind: string) => kind !== 'photo' && kind !== 'other';

function sizeAndTime(upsert: ArchiveUpsert): { size: number; mtimeMs: number } {
  const result = upsert.result;
  const source =
    result?.ok === true
      ? 'photo' in result
        ? result.photo
        : 'article' in result
          ? result.article.source
          : 'page' in result
            ? result.page.source
            : 'site' in result
              ? result.site.source
              : 'reporter' in result
                ? result.reporter.source
                : 'series' in result
                  ? result.series.source
                  : result.update.source
      : undefined;
  return { size: upsert.size ?? source?.size ?? 0, mtimeMs: upsert.mtimeMs ?? source?.mtimeMs ?? 0 };
}

/** Prepares the statements once; returns `apply`. */
/** Slug changes the log keeps (a first read of a large archive logs more; followers then start over). */
const CHANGE_LOG_SLUGS = 50_000;

export function createWriter(db: Db): (changes: ArchiveChanges) => void {
  const s = {
    fileKind: db.prepare<[string], { kind: string; result: string | null }>('SELECT kind, result FROM files WHERE path = ?'),
    deleteFile: db.prepare('DELETE FROM files WHERE path = ?'),
    insertFile: db.prepare('INSERT INTO files (path, kind, absolute, size, mtime, result) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteSmall: db.prepare('DELETE FROM small_files WHERE path = ?'),
    insertSmall: db.prepare('INSERT INTO small_files (path, kind) VALUES (?, ?)'),
    articleByPath: db.prepare<[string], { id: number; slug: string }>('SELECT id, slug FROM articles WHERE path = ?'),
    noteSlug: db.prepare<[number, string]>('INSERT INTO slug_changes (counter, slug) VALUES (?, ?)'),
    oldestKept: db.prepare<[number], { counter: number }>(
      'SELECT counter FROM slug_changes ORDER BY counter DESC LIMIT 1 OFFSET ?',
    ),
    forgetSlugs: db.prepare<[number]>('DELETE FROM slug_changes WHERE counter <= ?'),
    deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
    insertArticle: db.prepare(
      `INSERT INTO articles (path, slug, skey, published, updated, draft, solo, first, breaking, breaking_until, live, live_until, top, has_image, kind, agency)
       VALUES (@path, @slug, @skey, @published, @updated, @draft, 1, @first, @breaking, @breakingUntil, @live, @liveUntil, @top, @hasImage, @kind, @agency)`,
    ),
    termsOf: db.prepare<[number], { taxonomy: number; term: string }>('SELECT taxonomy, term FROM article_terms WHERE article = ?'),
    deleteTerms: db.prepare('DELETE FROM article_terms WHERE article = ?'),
    deleteTermsOf: db.prepare('DELETE FROM article_terms WHERE article = ? AND taxonomy = ?'),
    insertTerm: db.prepare(
      `INSERT INTO article_terms (article, taxonomy, pos, term, name, ord, published, skey, draft, solo, first)
       SELECT id, @taxonomy, @pos, @term, @name, @ord, published, skey, draft, solo, first FROM articles WHERE id = @article`,
    ),
    deleteAuthors: db.prepare('DELETE FROM article_authors WHERE article = ?'),
    insertAuthor: db.prepare('INSERT INTO article_authors (article, pos, author, author_nfc) VALUES (?, ?, ?, ?)'),
    authorsOf: db.prepare<[number], { author: string }>('SELECT author FROM article_authors WHERE article = ? ORDER BY pos'),
    articlesByAuthor: db.prepare<[string], { article: number }>('SELECT article FROM article_authors WHERE author = ?'),
    articlesByAuthorId: db.prepare<[string], { article: number }>('SELECT article FROM article_authors WHERE author_nfc = ?'),
    deleteClaims: db.prepare('DELETE FROM redirect_claims WHERE article = ?'),
    insertClaim: db.prepare('INSERT OR IGNORE INTO redirect_claims (old, article) VALUES (?, ?)'),
    deleteUpdate: db.prepare('DELETE FROM live_updates WHERE path = ?'),
    insertUpdate: db.prepare('INSERT INTO live_updates (path, article_key, date) VALUES (?, ?, ?)'),
    deletePhoto: db.prepare('DELETE FROM photos WHERE path = ?'),
    insertPhoto: db.prepare('INSERT INTO photos (path, absolute, size, mtime) VALUES (?, ?, ?, ?)'),
    deleteRefs: db.prepare('DELETE FROM photo_refs WHERE owner = ?'),
    insertRef: db.prepare(
      `INSERT OR REPLACE INTO photo_refs (owner, field, photo, line, missing)
       VALUES (@owner, @field, @photo, @line, NOT EXISTS (SELECT 1 FROM photos WHERE path = @photo))`,
    ),
    markRefs: db.prepare('UPDATE photo_refs SET missing = NOT EXISTS (SELECT 1 FROM photos WHERE path = @photo) WHERE photo = @photo'),
    deleteProblems: db.prepare('DELETE FROM problems WHERE path = ?'),
    insertProblem: db.prepare('INSERT INTO problems (path, seq, severity, problem) VALUES (?, ?, ?, ?)'),
    deleteBoundaries: db.prepare('DELETE FROM boundaries WHERE path = ? AND t = ?'),
    insertBoundary: db.prepare('INSERT OR IGNORE INTO boundaries (t, path) VALUES (?, ?)'),
    articleTimes: db.prepare<[number], { path: string; published: number; breaking_until: number | null; live_until: number | null }>(
      'SELECT path, published, breaking_until, live_until FROM articles WHERE id = ?',
    ),
    updateTime: db.prepare<[string], { date: number }>('SELECT date FROM live_updates WHERE path = ?'),
    slugGroup: db.prepare<[string], { id: number; path: string; solo: number; first: Buffer }>(
      'SELECT id, path, solo, first FROM articles WHERE slug = ?',
    ),
    setGroup: db.prepare('UPDATE articles SET solo = ?, first = ? WHERE id = ?'),
    setTermsGroup: db.prepare('UPDATE article_terms SET solo = ?, first = ? WHERE article = ?'),
    firstOfTerm: db.prepare<[number, string], { name: string; solo: number }>(
      'SELECT name, solo FROM article_terms WHERE taxonomy = ? AND term = ? ORDER BY first LIMIT 1',
    ),
    setTermName: db.prepare(
      `INSERT INTO term_counts (taxonomy, term, n, name) VALUES (?, ?, 0, ?)
       ON CONFLICT (taxonomy, term) DO UPDATE SET name = excluded.name`,
    ),
    dropTerm: db.prepare('DELETE FROM term_counts WHERE taxonomy = ? AND term = ?'),
    reporterFiles: db.prepare<[], { result: string }>(
      "SELECT f.result FROM small_files s JOIN files f ON f.path = s.path WHERE s.kind = 'reporter' AND f.result IS NOT NULL ORDER BY s.path",
    ),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
  };

  function loadReporters(): ReporterDirectory {
    const profiles: Reporter[] = [];
    const rows = s.reporterFiles.all();
    // Path order as JavaScript compares paths: the same order lib/content/snapshot.ts reads files in.
    const sorted = rows
      .map((row) => decodeValue<LoadResult>(row.result))
      .flatMap((result) => (result.ok && 'reporter' in result ? [result.reporter] : []))
      .sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
    profiles.push(...sorted);
    return toReporterDirectory(profiles);
  }

  function noteReporter(result: LoadResult | undefined, touched: Touched): void {
    touched.reportersChanged = true;
    if (result?.ok && 'reporter' in result) {
      touched.reporterKeys.add(`id\u0000${result.reporter.id}`);
      touched.reporterKeys.add(`name\u0000${result.reporter.name}`);
    }
  }

  function removeArticle(id: number, slug: string, touched: Touched): void {
    const times = s.articleTimes.get(id);
    if (times) {
      for (const t of [times.published, times.breaking_until, times.live_until]) {
        if (t !== null) s.deleteBoundaries.run(times.path, t);
      }
    }
    for (const row of s.termsOf.all(id)) touched.terms.add(termKey(row.taxonomy, row.term));
    s.deleteTerms.run(id);
    s.deleteAuthors.run(id);
    s.deleteClaims.run(id);
    s.deleteArticle.run(id);
    touched.slugs.add(slug);
  }

  function removeFile(path: string, replaced: boolean, touched: Touched): void {
    const old = s.fileKind.get(path);
    if (!old) return;
    if (isCounted(old.kind)) touched.fileCountDelta -= 1;
    if (old.kind === 'article') {
      const article = s.articleByPath.get(path);
      if (article) removeArticle(article.id, article.slug, touched);
    } else if (old.kind === 'live-update') {
      const update = s.updateTime.get(path);
      if (update) s.deleteBoundaries.run(path, update.date);
      s.deleteUpdate.run(path);
    } else if (old.kind === 'photo') {
      s.deletePhoto.run(path);
      touched.photos.add(path);
    } else if (old.kind === 'reporter') {
      noteReporter(old.result === null ? undefined : decodeValue<LoadResult>(old.result), touched);
    } else if (old.kind === 'site' && !replaced) {
      s.deleteMeta.run('last_good_site');
    }
    s.deleteSmall.run(path);
    s.deleteRefs.run(path);
    s.deleteProblems.run(path);
    s.deleteFile.run(path);
  }

  function addRef(owner: string, field: string, ref: ImageRef | undefined): void {
    if (ref?.kind === 'photo') s.insertRef.run({ owner, field, photo: ref.path, line: ref.line ?? null });
  }

  function addArticle(article: Article, path: string, touched: Touched): void {
    const published = toMs(article.published) ?? 0;
    const breakingUntil = toMs(article.breakingUntil);
    const liveUntil = toMs(article.liveUntil);
    const id = Number(
      s.insertArticle.run({
        path,
        slug: article.slug,
        skey: sortKey(article.slug),
        published,
        updated: toMs(article.updated),
        draft: article.draft ? 1 : 0,
        first: sortKey(path),
        breaking: article.breaking ? 1 : 0,
        breakingUntil,
        live: article.live ? 1 : 0,
        liveUntil,
        top: article.top ? 1 : 0,
        hasImage: article.image ? 1 : 0,
        kind: article.kind,
        agency: article.agency ?? null,
      }).lastInsertRowid,
    );
    const terms: [number, readonly { name: string; slug: string }[]][] = [
      [TAXONOMY.category, article.categories],
      [TAXONOMY.tag, article.tags],
    ];
    for (const [taxonomy, list] of terms) {
      list.forEach((term, pos) => {
        s.insertTerm.run({ article: id, taxonomy, pos, term: term.slug, name: term.name, ord: 0 });
        touched.terms.add(termKey(taxonomy, term.slug));
      });
    }
    if (article.series) {
      const { id: series, order } = article.series;
      s.insertTerm.run({ article: id, taxonomy: TAXONOMY.series, pos: 0, term: series, name: series, ord: order ?? UNORDERED });
      touched.terms.add(termKey(TAXONOMY.series, series));
    }
    article.authors.forEach((author, pos) => s.insertAuthor.run(id, pos, author, author.normalize('NFC')));
    for (const old of article.redirectFrom) s.insertClaim.run(old, id);
    for (const t of [published, breakingUntil, liveUntil]) if (t !== null && t > 0) s.insertBoundary.run(t, path);
    addRef(path, 'image', article.image);
    if (article.socialImage !== article.image) addRef(path, 'feature_image', article.socialImage);
    touched.slugs.add(article.slug);
    touched.newArticles.set(id, article.authors);
  }

  function addProblems(path: string, problems: readonly ContentProblem[]): void {
    problems.forEach((problem, seq) => s.insertProblem.run(path, seq, problem.severity, encodeValue(problem)));
  }

  function addFile(upsert: ArchiveUpsert, touched: Touched): void {
    const { entry, result } = upsert;
    const { size, mtimeMs } = sizeAndTime(upsert);
    s.insertFile.run(entry.path, entry.kind, entry.absolute, size, mtimeMs, result === undefined ? null : encodeValue(result));
    if (isCounted(entry.kind)) touched.fileCountDelta += 1;
    if (entry.kind === 'other') {
      addProblems(entry.path, [{ file: entry.path, severity: 'warning', message: NOT_CONTENT_WARNING }]);
      return;
    }
    if (entry.kind === 'photo') {
      if (result?.ok && 'photo' in result) {
        const photo = result.photo;
        s.insertPhoto.run(photo.path, photo.absolute, photo.size, photo.mtimeMs);
        touched.photos.add(photo.path);
      }
      return;
    }
    addSmallFile(entry, result, touched);
    if (!result) return;
    if (!result.ok) {
      addProblems(entry.path, result.problems);
      return;
    }
    addProblems(entry.path, result.warnings);
    if ('article' in result) addArticle(result.article, entry.path, touched);
    else if ('update' in result) {
      const date = toMs(result.update.date) ?? 0;
      s.insertUpdate.run(entry.path, result.update.articleKey, date);
      if (date > 0) s.insertBoundary.run(date, entry.path);
    } else if ('reporter' in result) addRef(entry.path, 'photo', result.reporter.photo);
    else if ('site' in result) {
      addRef(entry.path, 'logo', result.site.logo);
      s.setMeta.run('last_good_site', encodeValue(result.site));
    }
  }

  function addSmallFile(entry: ContentEntry, result: LoadResult | undefined, touched: Touched): void {
    if (entry.kind !== 'site' && entry.kind !== 'reporter' && entry.kind !== 'series' && entry.kind !== 'page') return;
    s.insertSmall.run(entry.path, entry.kind);
    if (entry.kind === 'reporter') noteReporter(result, touched);
  }

  /** Reporters' terms of an article that has none, from its authors and the profiles as they are now. */
  function addReporterTerms(article: number, authors: readonly string[], directory: ReporterDirectory, touched: Touched): void {
    toBylines(authors, directory).reporters.forEach((term, pos) => {
      s.insertTerm.run({ article, taxonomy: TAXONOMY.reporters, pos, term: term.slug, name: term.name, ord: 0 });
      touched.terms.add(termKey(TAXONOMY.reporters, term.slug));
    });
  }

  /** Reporters' terms of an article that may have some, made again. */
  function setReporterTerms(article: number, directory: ReporterDirectory, touched: Touched): void {
    for (const row of s.termsOf.all(article)) {
      if (row.taxonomy === TAXONOMY.reporters) touched.terms.add(termKey(row.taxonomy, row.term));
    }
    s.deleteTermsOf.run(article, TAXONOMY.reporters);
    const authors = s.authorsOf.all(article).map((row) => row.author);
    addReporterTerms(article, authors, directory, touched);
  }

  function repairReporters(touched: Touched): void {
    if (touched.newArticles.size === 0 && !touched.reportersChanged) return;
    const directory = loadReporters();
    // An author's profile changes only if a changed profile had or has its id or its name.
    const changed = new Set<number>();
    if (touched.reportersChanged) {
      for (const key of touched.reporterKeys) {
        const [kind, value = ''] = key.split('\u0000');
        const rows = kind === 'id' ? s.articlesByAuthorId.all(value) : s.articlesByAuthor.all(value);
        for (const row of rows) if (!touched.newArticles.has(row.article)) changed.add(row.article);
      }
    }
    // The batch's new articles have no reporters' terms to look up and remove (a first start's
    // 100,000 asked three statements each for nothing).
    for (const [article, authors] of touched.newArticles) addReporterTerms(article, authors, directory, touched);
    for (const article of changed) setReporterTerms(article, directory, touched);
  }

  /** Which file owns each touched slug alone, and each group's first path, on articles and their terms. */
  function repairSlugs(touched: Touched): void {
    for (const slug of touched.slugs) {
      const group = s.slugGroup.all(slug);
      const solo = group.length === 1 ? 1 : 0;
      const first = group.reduce<Buffer | undefined>((min, row) => {
        const key = sortKey(row.path);
        return !min || Buffer.compare(key, min) < 0 ? key : min;
      }, undefined);
      if (!first) continue;
      for (const row of group) {
        if (row.solo === solo && Buffer.compare(row.first, first) === 0) continue;
        s.setGroup.run(solo, first, row.id);
        s.setTermsGroup.run(solo, first, row.id);
        for (const term of s.termsOf.all(row.id)) touched.terms.add(termKey(term.taxonomy, term.term));
      }
    }
  }

  function repairTermNames(touched: Touched): void {
    for (const key of touched.terms) {
      const [taxonomyText = '', term = ''] = key.split('\u0000');
      const taxonomy = Number(taxonomyText);
      const first = s.firstOfTerm.get(taxonomy, term);
      if (!first) s.dropTerm.run(taxonomy, term);
      else s.setTermName.run(taxonomy, term, first.solo === 1 ? first.name : null);
    }
  }

  const apply = db.transaction((changes: ArchiveChanges) => {
    const touched: Touched = {
      slugs: new Set(),
      terms: new Set(),
      photos: new Set(),
      reporterKeys: new Set(),
      newArticles: new Map(),
      reportersChanged: false,
      fileCountDelta: 0,
    };
    for (const path of changes.removals) removeFile(path, false, touched);
    for (const upsert of changes.upserts) {
      removeFile(upsert.entry.path, true, touched);
      addFile(upsert, touched);
    }
    repairReporters(touched);
    repairSlugs(touched);
    for (const photo of touched.photos) s.markRefs.run({ photo });
    repairTermNames(touched);
    const counter = Number(s.getMeta.get('change_counter')?.value ?? '0') + 1;
    s.setMeta.run('change_counter', String(counter));
    s.setMeta.run('applied_at', String(Date.now()));
    if (touched.photos.size > 0) s.setMeta.run('photos_changed', String(counter));
    for (const slug of touched.slugs) s.noteSlug.run(counter, slug);
    // The log keeps the last CHANGE_LOG_SLUGS entries; a follower further behind starts over.
    const kept = s.oldestKept.get(CHANGE_LOG_SLUGS)?.counter;
    if (kept !== undefined) {
      s.forgetSlugs.run(kept);
      s.setMeta.run('changes_from', String(kept));
    }
    const fileCount = Number(s.getMeta.get('file_count')?.value ?? '0') + touched.fileCountDelta;
    s.setMeta.run('file_count', String(fileCount));
    if (changes.version !== undefined) s.setMeta.run('version', changes.version);
  });

  // IMMEDIATE: another server on the same index file makes this wait (busy timeout), where a
  // deferred transaction that read first would fail at once with SQLITE_BUSY when upgrading.
  return (changes) => apply.immediate(changes);
}
