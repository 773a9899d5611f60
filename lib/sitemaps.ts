import {
  countArticles,
  getMasthead,
  getPages,
  getTerms,
  isSponsoredKind,
  listArticles,
  listArticleStamps,
  type Article,
  type ArticleStamp,
  type ContentView,
} from '@/lib/content';
import { absoluteUrl, articlePath, listingPath, pagePath, sitemapPartPath } from '@/lib/paths';
import { site } from '@/lib/site';
import { writeXml, type XmlNode } from '@/lib/xml';

/**
 * URLs in one sitemap file. The protocol allows 50,000, but a part that large took 2 s to write (a
 * 6 MB document built on the event loop, every other request waiting), at each restart and each
 * time it expired; parts of 5,000 take a tenth of that, as WordPress (2,000) and Yoast (1,000) keep
 * theirs small. A site of a few thousand URLs still has one /sitemap.xml.
 */
export const SITEMAP_PART = 5_000;
/** Google News takes articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_LIMIT = 1000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

interface SitemapEntry {
  url: string;
  lastmod?: string;
}

const HEAD_TAXONOMIES = ['category', 'tag', 'reporters', 'series'] as const;

/** The entries before the articles: home, every category, tag, reporter and series page, and the pages (`_pages/`). */
function getHeadEntries(view: ContentView): SitemapEntry[] {
  const entries: SitemapEntry[] = [
    { url: absoluteUrl(view, '/'), lastmod: listArticles(view, {}, 1)[0]?.published.toISOString() },
  ];
  for (const taxonomy of HEAD_TAXONOMIES) {
    for (const term of getTerms(view, taxonomy, 1)) {
      entries.push({
        url: absoluteUrl(view, listingPath(taxonomy, term.slug)),
        lastmod: term.latest[0]?.published.toISOString(),
      });
    }
  }
  for (const page of getPages(view)) {
    entries.push({
      url: absoluteUrl(view, pagePath(page.slug)),
      lastmod: page.updated?.toISOString(),
    });
  }
  return entries;
}

function toArticleEntry(view: ContentView, article: ArticleStamp): SitemapEntry {
  return {
    url: absoluteUrl(view, articlePath(article.slug)),
    lastmod: (article.updated ?? article.published).toISOString(),
  };
}

/**
 * Entries `[from, from + count)` of the sitemap: the head entries, then every published article,
 * newest first. Only the asked-for articles' slugs and times are read, so a part of a large archive
 * costs one part.
 */
export function getSitemapEntries(
  view: ContentView,
  from = 0,
  count = Number.MAX_SAFE_INTEGER,
): SitemapEntry[] {
  // Only a part that holds head entries reads them (each term's newest article, for its lastmod:
  // a thousand tags, a thousand articles read); the others need only how many there are.
  const headCount = countHeadEntries(view);
  const entries = from < headCount ? getHeadEntries(view).slice(from, from + count) : [];
  const offset = Math.max(0, from - headCount);
  const wanted = Math.min(count - entries.length, countArticles(view) - offset);
  for (const article of listArticleStamps(view, wanted, offset))
    entries.push(toArticleEntry(view, article));
  return entries;
}

/** How many head entries there are, without reading each term's newest article for its lastmod. */
function countHeadEntries(view: ContentView): number {
  let count = 1 + getPages(view).length;
  for (const taxonomy of HEAD_TAXONOMIES) count += getTerms(view, taxonomy).length;
  return count;
}

/** How many URLs the sitemap holds. */
function countSitemapEntries(view: ContentView): number {
  return countHeadEntries(view) + countArticles(view);
}

/** A `urlset`; an empty list is still a valid, empty one. */
function toUrlset(entries: readonly SitemapEntry[]): string {
  return writeXml({
    urlset: {
      '@xmlns': SITEMAP_NS,
      url: entries.map(({ url, lastmod }) => ({ loc: url, lastmod })),
    },
  });
}

/** /sitemap.xml: one urlset, or an index of parts once there are more URLs than one file may hold. */
export function renderSitemap(view: ContentView, limit = SITEMAP_PART): string {
  const total = countSitemapEntries(view);
  if (total <= limit) return toUrlset(getSitemapEntries(view));
  const parts = Math.ceil(total / limit);
  return writeXml({
    sitemapindex: {
      '@xmlns': SITEMAP_NS,
      sitemap: Array.from({ length: parts }, (_, i) => ({
        loc: absoluteUrl(view, sitemapPartPath(i + 1)),
      })),
    },
  });
}

/** One part (1-based) of a split sitemap, or undefined past the last. */
export function renderSitemapPart(
  view: ContentView,
  part: number,
  limit = SITEMAP_PART,
): string | undefined {
  if (!Number.isInteger(part) || part < 1) return undefined;
  const total = countSitemapEntries(view);
  if (total <= limit || (part - 1) * limit >= total) return undefined;
  return toUrlset(getSitemapEntries(view, (part - 1) * limit, limit));
}

/**
 * Articles for the Google News sitemap: published in the last 48 hours, newest first, 1,000 at
 * most; never 광고/협찬, which is not news (Google News' policies on sponsored content).
 */
export function getNewsArticles(view: ContentView): Article[] {
  const since = view.now.getTime() - NEWS_WINDOW_MS;
  return listArticles(view, { since }, NEWS_LIMIT).filter(
    (a) => a.dated && !isSponsoredKind(a.kind),
  );
}

/** /news-sitemap.xml in the Google News format: an empty urlset on a quiet weekend, never an error. */
export function renderNewsSitemap(view: ContentView): string {
  const urls = getNewsArticles(view).map((article): XmlNode => ({
    loc: absoluteUrl(view, articlePath(article.slug)),
    'news:news': {
      'news:publication': {
        'news:name': getMasthead(view).name,
        'news:language': article.lang.split('-')[0] ?? site.lang,
      },
      'news:publication_date': article.published.toISOString(),
      'news:title': article.title,
    },
  }));
  return writeXml({ urlset: { '@xmlns': SITEMAP_NS, '@xmlns:news': NEWS_NS, url: urls } });
}

export function xmlResponse(xml: string | undefined): Response {
  if (xml === undefined) return new Response('Not found', { status: 404 });
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
