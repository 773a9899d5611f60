import { createHash } from 'node:crypto';

import { site, siteDefaults } from '@/lib/site';
import { readSlugParam } from '@/lib/slug-param';
import type { SiteVerification } from '@/lib/verification';

import type { ArticleQuery, ArticleStamp, ContentReader } from './reader';
import type { Article, Category, LiveUpdate, Page, Reporter, SiteIdentity, Taxonomy } from './types';
import type { ContentView } from './view';
import { DEFAULT_KIND_LABELS } from './kinds';

/**
 * The only way out of lib/content: published-only queries, each a function of one request's view
 * (lib/content/view.ts) and its arguments. Nothing outside sees the reader itself, so an
 * unpublished article or category cannot leak.
 */

/**
 * Remembers an answer for one reader and one stretch of time between boundaries: the published
 * set cannot change without new content (a new reader) or a boundary passing.
 */
class ReaderMemo<T> {
  private readonly byReader = new WeakMap<ContentReader, Map<string, T>>();

  get(view: ContentView, key: string, compute: () => T): T {
    const { reader } = view;
    const fullKey = `${reader.lastBoundary(view.now.getTime())}\u0000${key}`;
    let entries = this.byReader.get(reader);
    if (!entries) {
      entries = new Map();
      this.byReader.set(reader, entries);
    }
    const hit = entries.get(fullKey);
    if (hit !== undefined) return hit;
    const value = compute();
    if (entries.size >= 64) entries.clear();
    entries.set(fullKey, value);
    return value;
  }
}

const termsMemo = new ReaderMemo<readonly CategorySummary[]>();
const termMemo = new ReaderMemo<ReadonlyMap<string, CategorySummary>>();

export { indexKey, sourceKey } from './file-records';

/** Published means: not a draft, and its publication time has come. */
export function isPublished(article: Article, now: Date): boolean {
  return !article.draft && article.published.getTime() <= now.getTime();
}

/** Breaking means: published, marked breaking, and not past `breaking_until`. */
export function isBreaking(article: Article, now: Date): boolean {
  return (
    article.breaking &&
    isPublished(article, now) &&
    (!article.breakingUntil || article.breakingUntil.getTime() > now.getTime())
  );
}

/** Published articles matching `query`, newest first: at most `limit`, from `offset`. */
export function listArticles(view: ContentView, query: ArticleQuery, limit: number, offset = 0): Article[] {
  if (!Number.isInteger(limit) || limit <= 0 || !Number.isInteger(offset) || offset < 0) return [];
  return view.reader.list(query, view.now.getTime(), limit, offset);
}

/**
 * Every published article's slug and times, newest first: at most `limit` from `offset`, read
 * without the articles themselves, so a late sitemap part of a large archive costs one part.
 */
export function listArticleStamps(view: ContentView, limit: number, offset = 0): ArticleStamp[] {
  if (!Number.isSafeInteger(limit) || limit <= 0 || !Number.isSafeInteger(offset) || offset < 0) return [];
  return view.reader.stamps(view.now.getTime(), limit, offset);
}

/** How many published articles match `query`. */
export function countArticles(view: ContentView, query: Pick<ArticleQuery, 'taxonomy' | 'term'> = {}): number {
  return view.reader.count(query, view.now.getTime());
}

/**
 * Every published article matching `query`, newest first, read a batch at a time: for work over
 * the whole archive (sitemaps, the search index) that must never hold it all at once.
 */
export function* eachArticle(view: ContentView, query: ArticleQuery = {}, batch = 500): Generator<Article> {
  for (let offset = 0; ; offset += batch) {
    const found = listArticles(view, query, batch, offset);
    yield* found;
    if (found.length < batch) return;
  }
}

/** One published article by slug, or undefined (unknown, draft, scheduled or broken). */
export function getArticle(view: ContentView, slug: string): Article | undefined {
  const article = view.reader.article(slug.normalize('NFC'), view.now.getTime());
  return article && isPublished(article, view.now) ? article : undefined;
}

/**
 * The published article an old slug now points to (`redirect_from`), or undefined. For a
 * permanent redirect from `/articles/<old>`.
 */
export function getRedirect(view: ContentView, slug: string): Article | undefined {
  const target = view.reader.redirect(slug.normalize('NFC'), view.now.getTime());
  return target === undefined ? undefined : getArticle(view, target);
}

/** The home page's lead story: the newest pinned (`top: true`) article, else the newest with an image. */
export function getLeadArticle(view: ContentView): Article | undefined {
  return (
    listArticles(view, { top: true }, 1)[0] ??
    listArticles(view, { withImage: true }, 1)[0] ??
    listArticles(view, {}, 1)[0]
  );
}

/** Breaking articles, newest first, at most `limit`. */
export function getBreakingNews(view: ContentView, limit = 50): Article[] {
  return listArticles(view, { breaking: true }, limit);
}

export interface CategorySummary extends Category {
  count: number;
  latest: Article[];
}

/** An article's terms in one taxonomy: its categories, tags, reporters, or its series (by id). */
export function getTermsOf(article: Article, taxonomy: Taxonomy): readonly Category[] {
  if (taxonomy === 'series') return article.series ? [{ name: article.series.id, slug: article.series.id }] : [];
  return taxonomy === 'category' ? article.categories : taxonomy === 'tag' ? article.tags : article.reporters;
}

/**
 * Terms with published articles, largest first, each with its newest `take` articles: categories,
 * tags, or reporters, where every reporter with a profile counts even before their first article.
 */
export function getTerms(view: ContentView, taxonomy: Taxonomy, take = 0): readonly CategorySummary[] {
  return termsMemo.get(view, `${taxonomy}\u0000${take}`, () =>
    view.reader
      .terms(taxonomy, view.now.getTime())
      .map((term) => ({
        ...term,
        name: taxonomy === 'series' ? getSeriesName(view, term.slug) : term.name,
        latest: take > 0 ? listArticles(view, { taxonomy, term: term.slug }, take) : [],
      })),
  );
}

/** A category or tag with at least one published article, or undefined (unknown, or only unpublished ones). */
export function getTerm(view: ContentView, taxonomy: Taxonomy, slug: string): CategorySummary | undefined {
  const bySlug = termMemo.get(view, taxonomy, () => new Map(getTerms(view, taxonomy).map((c) => [c.slug, c])));
  return bySlug.get(slug.normalize('NFC'));
}

/** One page (20 articles) of a category's or tag's published articles, newest first. */
export interface ListingPage {
  taxonomy: Taxonomy;
  term: Category;
  articles: Article[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * One page of a term's articles, or undefined when the term or the page does not exist. A
 * reporter with a profile and no published article yet has one empty page.
 */
export function getListingPage(view: ContentView, taxonomy: Taxonomy, slug: string, page = 1): ListingPage | undefined {
  const term = getTerm(view, taxonomy, slug);
  if (!term || !Number.isInteger(page) || page < 1) return undefined;
  const total = term.count;
  const pageCount = Math.max(1, Math.ceil(total / site.pageSize));
  if (page > pageCount || (total === 0 && taxonomy !== 'reporters')) return undefined;
  return {
    taxonomy,
    term: { name: term.name, slug: term.slug },
    articles: listArticles(view, { taxonomy, term: term.slug }, site.pageSize, (page - 1) * site.pageSize),
    page,
    pageCount,
    total,
  };
}

/** Categories with published articles, largest first, each with its newest `take` articles. */
export function getCategories(view: ContentView, take = 0): readonly CategorySummary[] {
  return getTerms(view, 'category', take);
}

/** A category with at least one published article, or undefined. */
export function getCategory(view: ContentView, slug: string): CategorySummary | undefined {
  return getTerm(view, 'category', slug);
}

/** One page of a category's articles, or undefined when the category or the page does not exist. */
export function getCategoryPage(view: ContentView, slug: string, page = 1): ListingPage | undefined {
  return getListingPage(view, 'category', slug, page);
}

/** Newest articles sharing a category with `article`. */
export function getRelated(view: ContentView, article: Article, limit = 4): Article[] {
  const found = new Map<string, Article>();
  for (const category of article.categories) {
    for (const other of listArticles(view, { taxonomy: 'category', term: category.slug }, limit + 1)) {
      if (other.slug !== article.slug) found.set(other.slug, other);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.published.getTime() - a.published.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, limit);
}

/** The next newer and next older published articles. */
export function getAdjacent(view: ContentView, article: Article): { newer?: Article; older?: Article } {
  return view.reader.adjacent(article.slug, view.now.getTime());
}

/** Route params may arrive percent-encoded; decode once, and never throw on bad escapes. */
export const decodeParam = (param: string): string => readSlugParam(param).slug;

/**
 * Any valid article by slug, drafts and scheduled ones included: for editors' previews only,
 * behind the preview token. The one query that sees unpublished articles, and named for it.
 */
export function getArticleForPreview(view: ContentView, slug: string): Article | undefined {
  return view.reader.article(slug.normalize('NFC'), view.now.getTime());
}

/**
 * A key that changes exactly when the published set may have: new content, or a publish time or
 * breaking end passing. For caches of work done on published articles (the search index).
 */
export function getContentVersion(view: ContentView): string {
  return `${view.reader.version}:${view.reader.lastBoundary(view.now.getTime())}`;
}

/** A page (`_pages/`) by slug, or undefined. Pages are never drafts and never scheduled. */
export function getPage(view: ContentView, slug: string): Page | undefined {
  return view.reader.pages().get(slug.normalize('NFC'));
}

/** Every page, in the order of the policy pages a Korean news site shows, then by slug. */
export function getPages(view: ContentView): readonly Page[] {
  const order = ['about', 'ethics', 'corrections', 'privacy', 'youth-protection', 'contact'];
  const rank = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return [...view.reader.pages().values()].sort((a, b) => rank(a.slug) - rank(b.slug) || (a.slug < b.slug ? -1 : 1));
}

/** The publication as every page shows it: `_site.yml`, environment overrides, defaults. */
export interface Masthead
  extends Omit<SiteIdentity, 'name' | 'description' | 'url' | 'source' | 'copyright' | 'verification'> {
  name: string;
  /** Search engines' ownership tokens by engine: `_site.yml`'s, with the operator's replacing them per engine. */
  verification: SiteVerification;
  description: string;
  /** The public URL without a trailing slash: absolute links, feeds, sitemaps and JSON-LD use it. */
  url: string;
  copyright: string;
}

const mastheads = new WeakMap<ContentView, Masthead>();

/**
 * The masthead: `_site.yml` (the last good one if it broke), with the operator's `SITE_NAME`,
 * `SITE_DESCRIPTION`, `SITE_URL` and `SITE_VERIFICATION_*` (the view's settings) overriding it, and the built-in values
 * otherwise. The copyright line defaults to `ⓒ <name>. 무단전재 및 재배포 금지`, with the
 * AI-training notice when `ai_training: disallow`. Each kind's label is `labels:` over the Korean defaults.
 */
export function getMasthead(view: ContentView): Masthead {
  const known = mastheads.get(view);
  if (known) return known;
  const identity = view.reader.site();
  const file: Omit<SiteIdentity, 'source'> = {
    ...identity,
    aiTraining: identity?.aiTraining ?? 'allow',
    editors: identity?.editors ?? [],
    labels: { ...DEFAULT_KIND_LABELS, ...identity?.labels },
  };
  delete (file as Partial<SiteIdentity>).source;
  const { settings } = view;
  const name = settings.name || file.name || siteDefaults.name;
  const copyright =
    file.copyright ??
    `ⓒ ${name}. 무단전재 및 재배포 금지${file.aiTraining === 'disallow' ? ' · AI 학습 이용 금지' : ''}`;
  const masthead: Masthead = {
    ...file,
    name,
    description: settings.description || file.description || siteDefaults.description,
    url: settings.url ?? file.url ?? siteDefaults.url,
    copyright,
    // An engine the operator names replaces the file's tokens for that engine; the others stay.
    verification: { ...file.verification, ...settings.verification },
  };
  mastheads.set(view, masthead);
  return masthead;
}

/**
 * The most articles a series shows and counts: far past any 연재, and a bound on what one
 * article page reads to place itself (one index walk of at most this many short rows).
 */
export const MAX_SERIES_ARTICLES = 500;

/** A series' name: from `_series/<id>.yml`, else the id itself. */
export function getSeriesName(view: ContentView, id: string): string {
  return view.reader.series().get(id)?.name ?? id;
}

/** A series as its page shows it: name, description, and its published articles in reading order. */
export interface SeriesListing {
  id: string;
  name: string;
  description?: string;
  /** Its published articles in reading order: the first MAX_SERIES_ARTICLES of them. */
  articles: Article[];
  /** How many published articles it has in all (more than `articles` past MAX_SERIES_ARTICLES). */
  total: number;
}

/**
 * A series with at least one published article, its articles in reading order (`series_order`,
 * then oldest first); undefined otherwise. An unknown id costs one index lookup and keeps nothing.
 */
export function getSeries(view: ContentView, id: string): SeriesListing | undefined {
  const key = id.normalize('NFC');
  // The known series are listed once per reader and boundary: a made-up id is a map lookup.
  const term = getTerm(view, 'series', key);
  if (!term) return undefined;
  const slugs = view.reader.seriesOrder(key, view.now.getTime(), MAX_SERIES_ARTICLES);
  if (slugs.length === 0) return undefined;
  const articles = slugs.flatMap((slug) => getArticle(view, slug) ?? []);
  const file = view.reader.series().get(key);
  return { id: key, name: file?.name ?? key, description: file?.description, articles, total: Math.max(term.count, articles.length) };
}

/** Where an article stands in its series: "연재: <name> (3/7)", and its neighbours there. */
export interface SeriesPlace {
  id: string;
  name: string;
  /** 1-based. */
  position: number;
  total: number;
  previous?: Article;
  next?: Article;
}

/** A published article's place in its series, or undefined when it is in none. */
export function getSeriesPlace(view: ContentView, article: Article): SeriesPlace | undefined {
  if (!article.series) return undefined;
  const { id } = article.series;
  const slugs = view.reader.seriesOrder(id, view.now.getTime(), MAX_SERIES_ARTICLES);
  const index = slugs.indexOf(article.slug);
  if (index < 0) return undefined;
  const neighbour = (slug: string | undefined) => (slug === undefined ? undefined : getArticle(view, slug));
  return {
    id,
    name: getSeriesName(view, id),
    position: index + 1,
    // All of it, not the MAX_SERIES_ARTICLES read to place this one (a series of 1,500 said 500).
    total: Math.max(getTerm(view, 'series', id)?.count ?? 0, slugs.length),
    previous: neighbour(slugs[index - 1]),
    next: neighbour(slugs[index + 1]),
  };
}

/** A reporter's profile by id, or undefined. */
export function getReporter(view: ContentView, id: string): Reporter | undefined {
  return view.reader.reporters().get(id.normalize('NFC'));
}

/** Every reporter with a profile, by name, with how many published articles each has. */
export function getReporters(view: ContentView): { reporter: Reporter; count: number }[] {
  const counts = new Map(getTerms(view, 'reporters').map((t) => [t.slug, t.count]));
  return [...view.reader.reporters().values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'ko'))
    .map((reporter) => ({ reporter, count: counts.get(reporter.id) ?? 0 }));
}

/** What a reader sees of an article's live coverage at `now`. */
export interface LiveCoverage {
  /** Coverage is on: `live: true` and `live_until` not yet passed. */
  isLive: boolean;
  /** When coverage ended, if it has (`live_until`, else the newest update for `live: false`). */
  endedAt?: Date;
  /** Updates whose time has come: pinned ones first, then newest first. */
  updates: LiveUpdate[];
  /** Changes whenever the shown updates do: the open page's cue to refresh. */
  version: string;
}

/** An article's live coverage, or undefined for an article that has none. */
export function getLiveCoverage(article: Article, now: Date): LiveCoverage | undefined {
  if (!article.live && article.liveUpdates.length === 0) return undefined;
  const shown = article.liveUpdates.filter((u) => u.date.getTime() <= now.getTime());
  const updates = [...shown.filter((u) => u.pinned), ...shown.filter((u) => !u.pinned)];
  const ended = article.liveUntil && article.liveUntil.getTime() <= now.getTime();
  const isLive = article.live && !ended;
  return {
    isLive,
    endedAt: isLive ? undefined : (article.liveUntil ?? shown[0]?.date),
    updates,
    version: createHash('sha256')
      .update(shown.map((u) => `${u.id}\u0000${u.source.size}\u0000${u.source.mtimeMs}`).join('\n'))
      .digest('base64url')
      .slice(0, 16),
  };
}
