import type { ContentEntry } from '../files';
import type { ContentProblem } from '../parse';
import type { ArticleQuery, ArticleStamp, TermCount } from '../reader';
import type { LoadResult } from '../schema';
import type { Article, Page, PhotoFile, Reporter, Series, SiteIdentity, Taxonomy } from '../types';

/** One file as a content source read it (lib/content/snapshot.ts's SourceFile), with its stat when known. */
export interface ArchiveUpsert {
  entry: ContentEntry;
  /** Undefined for a file not read (yet), or one that is not content. */
  result?: LoadResult;
  /** The file's size and modification time; taken from the result's source when not given. */
  size?: number;
  mtimeMs?: number;
}

/** What changed in the folder since the last apply: files read again or new, and files gone. */
export interface ArchiveChanges {
  upserts: readonly ArchiveUpsert[];
  /** Paths (relative, as in ContentEntry.path) no longer in the folder. */
  removals: readonly string[];
  /** What the files are now a version of (a git commit), if the source names one. */
  version?: string;
}

/** A file as indexed: enough for a source to tell whether it changed. */
export interface IndexedFile {
  path: string;
  kind: ContentEntry['kind'];
  size: number;
  mtimeMs: number;
}

/** A listing's question (lib/content/reader.ts), at one moment, one page of it. */
export interface ListQuery extends ArticleQuery {
  now: number;
  limit: number;
  offset?: number;
  excludeSlug?: string;
}

export type { ArticleStamp, TermCount };

/** Read-only questions over the index; each a bounded number of index lookups. */
export interface ArchiveReader {
  /** The published owner of a slug at `now`, as lib/content/snapshot.ts would give it; or undefined. */
  articleBySlug(slug: string, now: number): Article | undefined;
  /** The owner of a slug at `now`, drafts and scheduled ones included (previews only). */
  articleForPreview(slug: string, now: number): Article | undefined;
  /**
   * Each slug's indexKey (lib/content: file identity and terms' names) of the article
   * articleForPreview gives, without reading the article; undefined when there is none or it is
   * a draft. Two lookups however many slugs.
   */
  indexKeysOf(slugs: readonly string[], now: number): (string | undefined)[];
  /** The published article an old slug (`redirect_from`) points to. */
  redirect(oldSlug: string, now: number): Article | undefined;
  /** Published articles, newest first (then by slug), filtered. */
  list(query: ListQuery): Article[];
  /**
   * Every published article's slug and times, in `list`'s order: `limit` of them from `offset`.
   * The offset is walked once over the index; the rest follows on from there, no article read.
   */
  stamps(query: { now: number; limit: number; offset?: number }): ArticleStamp[];
  /** How many published articles, or how many in one term. */
  count(query: { now: number; taxonomy?: Taxonomy; term?: string }): number;
  /** Terms with published articles (and, for reporters, every profile), by count then name. */
  terms(taxonomy: Taxonomy, now: number): TermCount[];
  /** A term's canonical name and count, or undefined when it has no published article. */
  term(taxonomy: Taxonomy, slug: string, now: number): TermCount | undefined;
  /** The next newer and next older published articles around a published one. */
  adjacent(slug: string, now: number): { newer?: Article; older?: Article };
  /** Newest published articles sharing a category with `article`. */
  related(article: Pick<Article, 'slug' | 'categories'>, limit: number, now: number): Article[];
  /** Every published article in order, read `batch` at a time. */
  iterate(options: { now: number; batch?: number }): Generator<Article>;
  /** The first moment after `now` at which what readers see changes by itself; undefined if none. */
  nextBoundary(now: number): number | undefined;
  /** The last such moment at or before `now` (0 if none): the page cache's freshness rule. */
  previousBoundary(now: number): number;
  /** A series' published slugs in reading order (lib/content/reader.ts's seriesOrder), at most `limit`. */
  seriesOrder(id: string, now: number, limit: number): string[];
  reporters(): ReadonlyMap<string, Reporter>;
  /** Series' names and descriptions (`_series/<id>.yml`) by id. */
  series(): ReadonlyMap<string, Series>;
  pages(): ReadonlyMap<string, Page>;
  /** `_site.yml`'s identity (the last good one while the file is broken), and whether it is broken. */
  site(): { site?: SiteIdentity; siteBroken: boolean };
  photos(): Generator<PhotoFile>;
  /**
   * Content problems at `now`, at most `limit`; derived ones (collisions, redirects) included.
   * `errorsOnly`: warnings left out before the limit (what the server logs).
   */
  problems(options: { now: number; limit: number; errorsOnly?: boolean }): ContentProblem[];
  problemCounts(now: number): { errors: number; warnings: number };
  /** Content files read (articles, pages, profiles, updates, _site.yml; broken ones included). */
  fileCount(): number;
}

/** An open index: the reader, and the one writer that keeps it in step with the files. */
export interface Archive extends ArchiveReader {
  /** True when the file was missing, unreadable or of other settings: the caller must apply every file. */
  readonly rebuilt: boolean;
  /**
   * True while what the index holds was read by other parsing code (OpenArchiveOptions `parser`):
   * it is served as it is, and every file is read again behind it; then `markCurrent()`.
   */
  isStale(): boolean;
  /** Says every file has been read again by this code (isStale is false from now on). */
  markCurrent(): void;
  readonly file: string;
  /** Applies a batch of changes in one transaction: readers see all of it or none. */
  apply(changes: ArchiveChanges): void;
  /** Every indexed file, in path order (for a source to diff the folder against). */
  files(): Generator<IndexedFile>;
  /** One indexed file by path, or undefined. */
  fileRecord(path: string): IndexedFile | undefined;
  /** How many files are indexed (every kind). */
  fileTotal(): number;
  /** Whether a file under `prefix` (a folder path ending in `/`) is indexed, leaving out `except`. */
  hasFileUnder(prefix: string, except?: ReadonlySet<string>): boolean;
  /** The newest modification time of an indexed file (ms), or 0. */
  newestMtime(): number;
  getVersion(): string | undefined;
  setVersion(version: string | undefined): void;
  /** Grows with every apply, across processes: a key for caches of what was read. */
  changeCounter(): number;
  /** When the last change was applied (ms since epoch, by this or an earlier process), or 0. */
  appliedAt(): number;
  /** The change counter of the last change that added, edited or removed a photo file, or 0. */
  photosChangedAt(): number;
  /** A name no other index has: counters of two indexes are never compared. */
  readonly instance: string;
  /**
   * The slugs whose articles changed after change `counter` (added, edited, removed, or another
   * file took the slug), at most `limit`; undefined when the log no longer reaches back that far
   * or holds more than `limit` (the caller then goes over every article).
   */
  changedSlugs(counter: number, limit: number): string[] | undefined;
  close(): void;
}

export interface OpenArchiveOptions {
  /** The index file (its folder is created). */
  file: string;
  /** Settings and content identity, as the caller computes them: an index of others is rebuilt. */
  fingerprint: string;
  /**
   * The parsing code's version. An index of the same schema and fingerprint written by other
   * parsing code is kept and served (rows mean what they meant: the schema says so), and read
   * again file by file behind it (Archive.isStale), rather than rebuilt: a new build must not turn
   * a million articles into 404s for as long as a first read takes.
   */
  parser?: string;
}
