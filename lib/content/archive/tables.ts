/**
 * The archive's tables. Bump SCHEMA_VERSION with any change here or in what a row means: an
 * index from another version is deleted and built again from the files. One of this version
 * written by other parsing code is served while it is read again, so its rows must read the same
 * to this code (row-shape.test.ts holds what a file reads to against this number).
 */
export const SCHEMA_VERSION = 5;

/** Taxonomies as stored; ALL counts every article (the unfiltered list). */
export const TAXONOMY = { category: 0, tag: 1, reporters: 2, series: 3 } as const;
export const ALL = -1;
/** A series article's `ord` without `series_order`: after every numbered one. */
export const UNORDERED = 1_000_000_000;

export const DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- Which slugs each apply touched (an article added, edited, removed, or its owner changed), for
-- what is derived from articles elsewhere (the search index) to follow changes, not rescan.
CREATE TABLE slug_changes (counter INTEGER NOT NULL, slug TEXT NOT NULL);
CREATE INDEX slug_changes_by_counter ON slug_changes (counter);

-- Every file the source listed: its identity, and what reading it gave (JSON, dates tagged).
CREATE TABLE files (
  path TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  absolute TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime REAL NOT NULL,
  result TEXT
);

-- _site.yml, reporters' profiles and pages: few, read whole.
CREATE TABLE small_files (path TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID;

-- Valid articles, unique slugs or not. solo: the only file with its slug (it owns it, whatever
-- the time); first: sort key of the smallest path among the files with its slug (group order);
-- updated: the article's own (ms, or NULL), for what lists articles without reading them (sitemaps);
-- kind (기사, 사설 … 광고/협찬) and agency (source:, NULL for the newsroom's own) likewise (reports).
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL,
  skey BLOB NOT NULL,
  published INTEGER NOT NULL,
  updated INTEGER,
  draft INTEGER NOT NULL,
  solo INTEGER NOT NULL,
  first BLOB NOT NULL,
  breaking INTEGER NOT NULL,
  breaking_until INTEGER,
  live INTEGER NOT NULL,
  live_until INTEGER,
  top INTEGER NOT NULL,
  has_image INTEGER NOT NULL,
  kind TEXT NOT NULL,
  agency TEXT
);
CREATE INDEX articles_by_slug ON articles (slug);
-- slug, updated, kind and agency make it cover a sitemap's or a report's walk: no table row read per URL.
CREATE INDEX articles_list ON articles (published DESC, skey, solo, slug, updated, kind, agency) WHERE draft = 0;
CREATE INDEX articles_breaking ON articles (published DESC, skey) WHERE draft = 0 AND breaking = 1;
CREATE INDEX articles_top ON articles (published DESC, skey) WHERE draft = 0 AND top = 1;
CREATE INDEX articles_shared ON articles (slug) WHERE solo = 0;

-- An article's categories (0), tags (1), reporters (2) and series (3), with what listing them
-- needs; ord: a series article's series_order (UNORDERED without one), 0 for other terms.
CREATE TABLE article_terms (
  article INTEGER NOT NULL,
  taxonomy INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  term TEXT NOT NULL,
  name TEXT NOT NULL,
  ord INTEGER NOT NULL,
  published INTEGER NOT NULL,
  skey BLOB NOT NULL,
  draft INTEGER NOT NULL,
  solo INTEGER NOT NULL,
  first BLOB NOT NULL,
  PRIMARY KEY (article, taxonomy, pos)
) WITHOUT ROWID;
CREATE INDEX terms_list ON article_terms (taxonomy, term, published DESC, skey, solo) WHERE draft = 0;
CREATE INDEX terms_first ON article_terms (taxonomy, term, first);
CREATE INDEX terms_shared ON article_terms (taxonomy, term) WHERE solo = 0;
-- A series in reading order: series_order, then oldest first, then slug.
CREATE INDEX terms_series ON article_terms (term, ord, published, skey, solo) WHERE taxonomy = 3 AND draft = 0;

-- Per term: non-draft articles that own their slug alone (any time), and the canonical name
-- when the first file to use the term owns its slug alone (NULL: decided at read time).
CREATE TABLE term_counts (
  taxonomy INTEGER NOT NULL,
  term TEXT NOT NULL,
  n INTEGER NOT NULL,
  name TEXT,
  PRIMARY KEY (taxonomy, term)
) WITHOUT ROWID;

CREATE TRIGGER count_term_in AFTER INSERT ON article_terms WHEN NEW.draft = 0 AND NEW.solo = 1 BEGIN
  INSERT INTO term_counts (taxonomy, term, n) VALUES (NEW.taxonomy, NEW.term, 1)
  ON CONFLICT (taxonomy, term) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER count_term_out AFTER DELETE ON article_terms WHEN OLD.draft = 0 AND OLD.solo = 1 BEGIN
  UPDATE term_counts SET n = n - 1 WHERE taxonomy = OLD.taxonomy AND term = OLD.term;
END;
CREATE TRIGGER count_term_solo AFTER UPDATE OF solo ON article_terms WHEN NEW.draft = 0 AND NEW.solo <> OLD.solo BEGIN
  INSERT INTO term_counts (taxonomy, term, n) VALUES (NEW.taxonomy, NEW.term, NEW.solo - OLD.solo)
  ON CONFLICT (taxonomy, term) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER count_all_in AFTER INSERT ON articles WHEN NEW.draft = 0 AND NEW.solo = 1 BEGIN
  INSERT INTO term_counts (taxonomy, term, n) VALUES (-1, '', 1)
  ON CONFLICT (taxonomy, term) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER count_all_out AFTER DELETE ON articles WHEN OLD.draft = 0 AND OLD.solo = 1 BEGIN
  UPDATE term_counts SET n = n - 1 WHERE taxonomy = -1 AND term = '';
END;
CREATE TRIGGER count_all_solo AFTER UPDATE OF solo ON articles WHEN NEW.draft = 0 AND NEW.solo <> OLD.solo BEGIN
  INSERT INTO term_counts (taxonomy, term, n) VALUES (-1, '', NEW.solo - OLD.solo)
  ON CONFLICT (taxonomy, term) DO UPDATE SET n = n + excluded.n;
END;

-- Who an article names in author: resolved against the profiles when either changes.
CREATE TABLE article_authors (
  article INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  author TEXT NOT NULL,
  author_nfc TEXT NOT NULL,
  PRIMARY KEY (article, pos)
) WITHOUT ROWID;
CREATE INDEX authors_by_name ON article_authors (author);
CREATE INDEX authors_by_id ON article_authors (author_nfc);

CREATE TABLE redirect_claims (old TEXT NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (old, article)) WITHOUT ROWID;
CREATE INDEX claims_by_article ON redirect_claims (article);

CREATE TABLE live_updates (path TEXT PRIMARY KEY, article_key TEXT NOT NULL, date INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX updates_by_article ON live_updates (article_key);

CREATE TABLE photos (path TEXT PRIMARY KEY, absolute TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL) WITHOUT ROWID;

-- Photos that content names (hero, share image, profile photo, logo); missing: not in photos.
CREATE TABLE photo_refs (
  owner TEXT NOT NULL,
  field TEXT NOT NULL,
  photo TEXT NOT NULL,
  line INTEGER,
  missing INTEGER NOT NULL,
  PRIMARY KEY (owner, field)
) WITHOUT ROWID;
CREATE INDEX photo_refs_by_photo ON photo_refs (photo);
CREATE INDEX photo_refs_missing ON photo_refs (owner) WHERE missing = 1;

-- Each file's own errors and warnings, as reading it found them.
CREATE TABLE problems (path TEXT NOT NULL, seq INTEGER NOT NULL, severity TEXT NOT NULL, problem TEXT NOT NULL, PRIMARY KEY (path, seq)) WITHOUT ROWID;
CREATE INDEX problems_by_severity ON problems (severity);

-- Moments at which what readers see changes by itself.
CREATE TABLE boundaries (t INTEGER NOT NULL, path TEXT NOT NULL, PRIMARY KEY (t, path)) WITHOUT ROWID;
`;
