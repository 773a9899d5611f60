import { createHash } from 'node:crypto';

import { getSiteUrlOverride, site, siteDefaults } from '@/lib/site';

import { countPassedBoundaries } from './freshness';
import { getContentStore } from './process-store';
import type { ContentSnapshot } from './snapshot';
import type { Article, ArticleSource, Category, LiveUpdate, Page, Reporter, SiteIdentity, Taxonomy } from './types';

/**
 * The only way out of lib/content: published-only queries over the current snapshot. Nothing
 * outside can see the snapshot itself, so an unpublished article or category cannot leak.
 */
function getSnapshot(): ContentSnapshot {
  return getContentStore().getSnapshot();
}

/**
 * Remembers a query's answer for one snapshot and one stretch of time between boundaries: the
 * published set cannot change without a file change (a new snapshot) or a boundary passing. So
 * pages that render per request (search, renders after a change) stop walking every article.
 */
class SnapshotMemo<T> {
  private readonly bySnapshot = new WeakMap<ContentSnapshot, Map<string, T>>();

  get(key: string, now: Date, compute: (snapshot: ContentSnapshot) => T): T {
    const snapshot = getSnapshot();
    const fullKey = `${countPassedBoundaries(snapshot.boundaries, now.getTime())}\u0000${key}`;
    let entries = this.bySnapshot.get(snapshot);
    if (!entries) {
      entries = new Map();
      this.bySnapshot.set(snapshot, entries);
    }
    const hit = entries.get(fullKey);
    if (hit !== undefined) return hit;
    const value = compute(snapshot);
    if (entries.size >= 64) entries.clear();
    entries.set(fullKey, value);
    return value;
  }
}

const publishedMemo = new SnapshotMemo<readonly Article[]>();
const breakingMemo = new SnapshotMemo<readonly Article[]>();
const termsMemo = new SnapshotMemo<readonly CategorySummary[]>();
const termMemo = new SnapshotMemo<ReadonlyMap<string, CategorySummary>>();

/** A key that changes whenever the article's file does (path, size, mtime): for caches of work done on it. */
export function sourceKey(file: { source: ArticleSource }): string {
  const { path, size, mtimeMs } = file.source;
  return `${path}\u0000${size}\u0000${mtimeMs}`;
}

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

/** All published articles, newest first. */
export function getArticles(now: Date = new Date()): readonly Article[] {
  return publishedMemo.get('', now, (snapshot) => snapshot.articles.filter((article) => isPublished(article, now)));
}

/** One published article by slug, or undefined (unknown, draft, scheduled or broken). */
export function getArticle(slug: string, now: Date = new Date()): Article | undefined {
  const article = getSnapshot().bySlug.get(slug.normalize('NFC'));
  return article && isPublished(article, now) ? article : undefined;
}

/**
 * The published article an old slug now points to (`redirect_from`), or undefined. For a
 * permanent redirect from `/articles/<old>`.
 */
export function getRedirect(slug: string, now: Date = new Date()): Article | undefined {
  const target = getSnapshot().redirects.get(slug.normalize('NFC'));
  return target === undefined ? undefined : getArticle(target, now);
}

/** The home page's lead story: the newest pinned (`top: true`) article, else the newest with an image. */
export function getLeadArticle(now: Date = new Date()): Article | undefined {
  const articles = getArticles(now);
  return articles.find((a) => a.top) ?? articles.find((a) => a.image) ?? articles[0];
}

/** Breaking articles, newest first. */
export function getBreakingNews(now: Date = new Date()): readonly Article[] {
  return breakingMemo.get('', now, (snapshot) => snapshot.articles.filter((article) => isBreaking(article, now)));
}

export interface CategorySummary extends Category {
  count: number;
  latest: Article[];
}

/** An article's terms in one taxonomy: its categories, or its tags. */
export function getTermsOf(article: Article, taxonomy: Taxonomy): readonly Category[] {
  return taxonomy === 'category' ? article.categories : taxonomy === 'tag' ? article.tags : article.reporters;
}

/**
 * Terms with published articles, largest first, each with its newest `take` articles: categories,
 * tags, or reporters, where every reporter with a profile counts even before their first article.
 */
export function getTerms(taxonomy: Taxonomy, take = 0, now: Date = new Date()): readonly CategorySummary[] {
  return termsMemo.get(`${taxonomy}\u0000${take}`, now, (snapshot) => {
    const profiles = taxonomy === 'reporters' ? [...snapshot.reporters.values()] : [];
    return summarizeTerms(getArticles(now), taxonomy, take, profiles.map((r) => ({ name: r.name, slug: r.id })));
  });
}

function summarizeTerms(
  articles: readonly Article[],
  taxonomy: Taxonomy,
  take: number,
  known: readonly Category[],
): CategorySummary[] {
  const summaries = new Map<string, CategorySummary>(known.map((term) => [term.slug, { ...term, count: 0, latest: [] }]));
  for (const article of articles) {
    for (const term of getTermsOf(article, taxonomy)) {
      let summary = summaries.get(term.slug);
      if (!summary) {
        summary = { ...term, count: 0, latest: [] };
        summaries.set(term.slug, summary);
      }
      summary.count += 1;
      if (summary.latest.length < take) summary.latest.push(article);
    }
  }
  return [...summaries.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ko'));
}

/** A category or tag with at least one published article, or undefined (unknown, or only unpublished ones). */
export function getTerm(taxonomy: Taxonomy, slug: string, now: Date = new Date()): CategorySummary | undefined {
  const bySlug = termMemo.get(taxonomy, now, () => new Map(getTerms(taxonomy, 0, now).map((c) => [c.slug, c])));
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
export function getListingPage(
  taxonomy: Taxonomy,
  slug: string,
  page = 1,
  now: Date = new Date(),
): ListingPage | undefined {
  const term = getTerm(taxonomy, slug, now);
  if (!term || !Number.isInteger(page) || page < 1) return undefined;
  const all = getArticles(now).filter((a) => getTermsOf(a, taxonomy).some((t) => t.slug === term.slug));
  const pageCount = Math.max(1, Math.ceil(all.length / site.pageSize));
  if (page > pageCount || (all.length === 0 && taxonomy !== 'reporters')) return undefined;
  const start = (page - 1) * site.pageSize;
  return {
    taxonomy,
    term: { name: term.name, slug: term.slug },
    articles: all.slice(start, start + site.pageSize),
    page,
    pageCount,
    total: all.length,
  };
}

/** Categories with published articles, largest first, each with its newest `take` articles. */
export function getCategories(take = 0, now: Date = new Date()): readonly CategorySummary[] {
  return getTerms('category', take, now);
}

/** A category with at least one published article, or undefined. */
export function getCategory(slug: string, now: Date = new Date()): CategorySummary | undefined {
  return getTerm('category', slug, now);
}

/** One page of a category's articles, or undefined when the category or the page does not exist. */
export function getCategoryPage(slug: string, page = 1, now: Date = new Date()): ListingPage | undefined {
  return getListingPage('category', slug, page, now);
}

/** Newest articles sharing a category with `article`, most shared categories first. */
export function getRelated(article: Article, limit = 4, now: Date = new Date()): Article[] {
  const slugs = new Set(article.categories.map((c) => c.slug));
  if (slugs.size === 0) return [];
  return getArticles(now)
    .filter((other) => other.slug !== article.slug && other.categories.some((c) => slugs.has(c.slug)))
    .slice(0, limit);
}

/** The next newer and next older published articles. */
export function getAdjacent(article: Article, now: Date = new Date()): { newer?: Article; older?: Article } {
  const articles = getArticles(now);
  const index = articles.findIndex((a) => a.slug === article.slug);
  if (index < 0) return {};
  return { newer: articles[index - 1], older: articles[index + 1] };
}

/** Route params may arrive percent-encoded; decode once, and never throw on bad escapes. */
export function decodeParam(param: string): string {
  try {
    return decodeURIComponent(param).normalize('NFC');
  } catch {
    return param.normalize('NFC');
  }
}

/**
 * Any valid article by slug, drafts and scheduled ones included: for editors' previews only,
 * behind the preview token. The one query that sees unpublished articles, and named for it.
 */
export function getArticleForPreview(slug: string): Article | undefined {
  return getSnapshot().bySlug.get(slug.normalize('NFC'));
}

/**
 * A key that changes exactly when the published set may have: a new snapshot, or a publish time
 * or breaking end passing. For caches of work done on published articles (the search index).
 */
export function getContentVersion(now: Date = new Date()): string {
  const snapshot = getSnapshot();
  return `${snapshot.version}:${countPassedBoundaries(snapshot.boundaries, now.getTime())}`;
}

/** A page (`_pages/`) by slug, or undefined. Pages are never drafts and never scheduled. */
export function getPage(slug: string): Page | undefined {
  return getSnapshot().pages.get(slug.normalize('NFC'));
}

/** Every page, in the order of the policy pages a Korean news site shows, then by slug. */
export function getPages(): readonly Page[] {
  const order = ['about', 'ethics', 'corrections', 'privacy', 'youth-protection', 'contact'];
  const rank = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return [...getSnapshot().pages.values()].sort((a, b) => rank(a.slug) - rank(b.slug) || (a.slug < b.slug ? -1 : 1));
}

/** The publication as every page shows it: `_site.yml`, environment overrides, defaults. */
export interface Masthead extends Omit<SiteIdentity, 'name' | 'description' | 'url' | 'source' | 'copyright'> {
  name: string;
  description: string;
  /** The public URL without a trailing slash: absolute links, feeds, sitemaps and JSON-LD use it. */
  url: string;
  copyright: string;
}

const mastheads = new WeakMap<ContentSnapshot, Masthead>();

/**
 * The masthead: `_site.yml` (the last good one if it broke), with `SITE_NAME`, `SITE_DESCRIPTION`
 * and `SITE_URL` (an http(s) URL; anything else is logged and ignored) overriding it for
 * operators, and the built-in values otherwise. The copyright
 * line defaults to `ⓒ <name>. 무단전재 및 재배포 금지`, with the AI-training notice when
 * `ai_training: disallow`. Worked out once per content snapshot.
 */
export function getMasthead(): Masthead {
  const snapshot = getSnapshot();
  const known = mastheads.get(snapshot);
  if (known) return known;
  const file: Omit<SiteIdentity, 'source'> = { ...snapshot.site, aiTraining: snapshot.site?.aiTraining ?? 'allow' };
  delete (file as Partial<SiteIdentity>).source;
  const name = process.env.SITE_NAME || file.name || siteDefaults.name;
  const copyright =
    file.copyright ??
    `ⓒ ${name}. 무단전재 및 재배포 금지${file.aiTraining === 'disallow' ? ' · AI 학습 이용 금지' : ''}`;
  const masthead: Masthead = {
    ...file,
    name,
    description: process.env.SITE_DESCRIPTION || file.description || siteDefaults.description,
    url: getSiteUrlOverride() ?? file.url ?? siteDefaults.url,
    copyright,
  };
  mastheads.set(snapshot, masthead);
  return masthead;
}

/** A reporter's profile by id, or undefined. */
export function getReporter(id: string): Reporter | undefined {
  return getSnapshot().reporters.get(id.normalize('NFC'));
}

/** Every reporter with a profile, by name, with how many published articles each has. */
export function getReporters(now: Date = new Date()): { reporter: Reporter; count: number }[] {
  const counts = new Map(getTerms('reporters', 0, now).map((t) => [t.slug, t.count]));
  return [...getSnapshot().reporters.values()]
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
export function getLiveCoverage(article: Article, now: Date = new Date()): LiveCoverage | undefined {
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
