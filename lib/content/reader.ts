import { indexKey } from './file-records';
import { countPassedBoundaries } from './freshness';
import type { ContentSnapshot } from './snapshot';
import type { Article, ArticleKind, Page, Reporter, Series, SiteIdentity, Taxonomy } from './types';

/** Which published articles a listing asks for, newest first. Every answer is bounded by `limit`. */
export interface ArticleQuery {
  /** Only articles in this term (a category, tag or reporter slug) of `taxonomy`. */
  taxonomy?: Taxonomy;
  term?: string;
  /** Only breaking articles (published, marked, and not past `breaking_until`). */
  breaking?: boolean;
  /** Only articles pinned as the lead story (`top: true`). */
  top?: boolean;
  /** Only articles with a hero image. */
  withImage?: boolean;
  /** Only articles published at or after this moment (ms). */
  since?: number;
}

/** Where an article is and when it last changed, read without the article itself: what a sitemap lists. */
export interface ArticleStamp {
  slug: string;
  published: Date;
  updated: Date | undefined;
  /** What the article is (기사, 사설 … 광고/협찬) and the agency it was carried from, if any: what a report counts. */
  kind: ArticleKind;
  agency: string | undefined;
}

/** A term with how many published articles it has. */
export interface TermCount {
  name: string;
  slug: string;
  count: number;
}

/**
 * What the queries read: the content as derived from its files, asked one bounded question at a
 * time. The in-memory snapshot answers today; an on-disk index answers the same questions for an
 * archive too large to hold. `now` (ms) decides what is published: a draft never is, a scheduled
 * article is from its time.
 */
export interface ContentReader {
  /** Changes whenever any answer may have changed for a reason other than time passing. */
  readonly version: number;
  /** The latest moment ≤ `now` at which what readers see changed by itself (a publish time, a breaking end), or 0. */
  lastBoundary(now: number): number;
  /**
   * The valid article that owns `slug` at `now`, published or not (drafts and scheduled ones
   * included): of two files with one slug, a published one wins over one that is not.
   */
  article(slug: string, now: number): Article | undefined;
  /**
   * Each slug's indexKey (file identity and terms' names) of the article `article` gives, unless
   * it is a draft; cheaper than the articles themselves (the search index asks it of every article,
   * a batch at a time, to skip those it holds as they are).
   */
  indexKeys(slugs: readonly string[], now: number): (string | undefined)[];
  /** The slug an old slug now points to (`redirect_from`), if any. */
  redirect(slug: string, now: number): string | undefined;
  /** Published articles matching `query`, newest first: `limit` of them from `offset`. */
  list(query: ArticleQuery, now: number, limit: number, offset?: number): Article[];
  /**
   * Every published article as a stamp, in `list`'s order: `limit` of them from `offset`. A late
   * window of a large archive costs one window, not every article before it read whole.
   */
  stamps(now: number, limit: number, offset?: number): ArticleStamp[];
  /** How many published articles there are, or how many in one term. */
  count(query: Pick<ArticleQuery, 'taxonomy' | 'term'>, now: number): number;
  /** Terms with published articles, largest first; for reporters every profile counts, even at 0. */
  terms(taxonomy: Taxonomy, now: number): readonly TermCount[];
  /** The next newer and next older published articles around a published one. */
  adjacent(slug: string, now: number): { newer?: Article; older?: Article };
  /**
   * The slugs of a series' published articles in reading order (`series_order`, those without one
   * after; then publish time, oldest first; then slug): at most `limit`.
   */
  seriesOrder(id: string, now: number, limit: number): string[];
  pages(): ReadonlyMap<string, Page>;
  reporters(): ReadonlyMap<string, Reporter>;
  /** Series' names and descriptions (`_series/<id>.yml`) by id. */
  series(): ReadonlyMap<string, Series>;
  site(): SiteIdentity | undefined;
  /** Names the content's store: `version`s of two stores are never compared. */
  readonly instance: string;
  /**
   * The slugs whose articles changed since `version` (an earlier reader's), at most `limit`, or
   * undefined when the reader cannot say (then everything may have changed).
   */
  changedSlugs(since: number, limit: number): string[] | undefined;
}

function isBreakingAt(article: Article, now: number): boolean {
  return article.breaking && (!article.breakingUntil || article.breakingUntil.getTime() > now);
}

function termsOf(article: Article, taxonomy: Taxonomy): readonly { name: string; slug: string }[] {
  if (taxonomy === 'series') return article.series ? [{ name: article.series.id, slug: article.series.id }] : [];
  return taxonomy === 'category' ? article.categories : taxonomy === 'tag' ? article.tags : article.reporters;
}

/** Reading order within a series: `series_order` (none: after), then oldest first, then slug. */
function compareInSeries(a: Article, b: Article): number {
  const order = (a.series?.order ?? Infinity) - (b.series?.order ?? Infinity);
  if (order) return order;
  const time = a.published.getTime() - b.published.getTime();
  if (time) return time;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Where the published part of `articles` (non-drafts, newest first) starts at `now`. */
function firstPublished(articles: readonly Article[], now: number): number {
  let low = 0;
  let high = articles.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((articles[mid]?.published.getTime() ?? 0) > now) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Snapshots of one process share a name: their versions count up in one store. */
const snapshotInstance = `${process.pid}-${Date.now()}`;

/**
 * A reader over a snapshot held in memory. Lists are kept per term, drafts left out, newest
 * first, so a published slice is found by one binary search on the publish time.
 */
export function snapshotReader(snapshot: ContentSnapshot): ContentReader {
  const listed = snapshot.articles.filter((a) => !a.draft);
  const byTerm = new Map<string, Article[]>();
  for (const article of listed) {
    for (const taxonomy of ['category', 'tag', 'reporters', 'series'] as const) {
      for (const term of termsOf(article, taxonomy)) {
        const key = `${taxonomy}\u0000${term.slug}`;
        const group = byTerm.get(key);
        if (group) group.push(article);
        else byTerm.set(key, [article]);
      }
    }
  }
  const position = new Map(listed.map((a, i) => [a.slug, i]));
  const inReadingOrder = new Map<string, Article[]>();

  function candidates(query: ArticleQuery, now: number): readonly Article[] {
    const all = query.term !== undefined && query.taxonomy ? (byTerm.get(`${query.taxonomy}\u0000${query.term}`) ?? []) : listed;
    const published = all.slice(firstPublished(all, now));
    const filtered =
      query.breaking || query.top || query.withImage
        ? published.filter(
            (a) =>
              (!query.breaking || isBreakingAt(a, now)) && (!query.top || a.top) && (!query.withImage || !!a.image),
          )
        : published;
    if (query.since === undefined) return filtered;
    const since = query.since;
    return filtered.slice(0, firstPublished(filtered, since - 1));
  }

  return {
    version: snapshot.version,
    lastBoundary(now) {
      const passed = countPassedBoundaries(snapshot.boundaries, now);
      return passed > 0 ? (snapshot.boundaries[passed - 1] ?? 0) : 0;
    },
    // A snapshot chose each slug's owner when it was built.
    article: (slug) => snapshot.bySlug.get(slug),
    indexKeys: (slugs) =>
      slugs.map((slug) => {
        const article = snapshot.bySlug.get(slug);
        return article && !article.draft ? indexKey(article) : undefined;
      }),
    redirect: (slug) => snapshot.redirects.get(slug),
    list: (query, now, limit, offset = 0) => candidates(query, now).slice(offset, offset + limit),
    stamps(now, limit, offset = 0) {
      const start = firstPublished(listed, now) + offset;
      return listed.slice(start, start + limit).map((a) => ({ slug: a.slug, published: a.published, updated: a.updated, kind: a.kind, agency: a.agency }));
    },
    count: (query, now) => candidates(query, now).length,
    // Counted afresh each time: the queries keep the answer per reader and stretch of time.
    terms(taxonomy, now) {
      const counts = new Map<string, TermCount>();
      if (taxonomy === 'reporters') {
        for (const r of snapshot.reporters.values()) counts.set(r.id, { name: r.name, slug: r.id, count: 0 });
      }
      for (const article of listed.slice(firstPublished(listed, now))) {
        for (const term of termsOf(article, taxonomy)) {
          const found = counts.get(term.slug);
          if (found) found.count += 1;
          else counts.set(term.slug, { name: term.name, slug: term.slug, count: 1 });
        }
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ko'));
    },
    adjacent(slug, now) {
      const index = position.get(slug);
      const start = firstPublished(listed, now);
      if (index === undefined || index < start) return {};
      return { newer: index > start ? listed[index - 1] : undefined, older: listed[index + 1] };
    },
    seriesOrder(id, now, limit) {
      const group = byTerm.get(`series\u0000${id}`);
      if (!group) return [];
      // Only ids that have articles are kept: a made-up id grows nothing.
      let ordered = inReadingOrder.get(id);
      if (!ordered) {
        ordered = [...group].sort(compareInSeries);
        inReadingOrder.set(id, ordered);
      }
      const out: string[] = [];
      for (const article of ordered) {
        if (out.length >= limit) break;
        if (article.published.getTime() <= now) out.push(article.slug);
      }
      return out;
    },
    pages: () => snapshot.pages,
    reporters: () => snapshot.reporters,
    series: () => snapshot.series,
    site: () => snapshot.site,
    instance: `snapshot-${snapshotInstance}`,
    changedSlugs: () => undefined,
  };
}
