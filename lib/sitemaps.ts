import { getArticles, getMasthead, getPages, getTerms, type Article } from '@/lib/content';
import { absoluteUrl, articlePath, listingPath, pagePath, sitemapPartPath } from '@/lib/paths';
import { site } from '@/lib/site';
import { writeXml, type XmlNode } from '@/lib/xml';

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_LIMIT = 50_000;
/** Google News takes articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_LIMIT = 1000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

interface SitemapEntry {
  url: string;
  lastmod?: string;
}

/** Every published article, category page, tag page and page (`_pages/`), with the time it last changed. */
export function getSitemapEntries(now: Date = new Date()): SitemapEntry[] {
  const articles = getArticles(now);
  const entries: SitemapEntry[] = [
    { url: absoluteUrl('/'), lastmod: articles[0]?.published.toISOString() },
  ];
  for (const taxonomy of ['category', 'tag', 'reporters'] as const) {
    for (const term of getTerms(taxonomy, 1, now)) {
      entries.push({
        url: absoluteUrl(listingPath(taxonomy, term.slug)),
        lastmod: term.latest[0]?.published.toISOString(),
      });
    }
  }
  for (const page of getPages()) {
    entries.push({ url: absoluteUrl(pagePath(page.slug)), lastmod: page.updated?.toISOString() });
  }
  for (const article of articles) {
    entries.push({
      url: absoluteUrl(articlePath(article.slug)),
      lastmod: (article.updated ?? article.published).toISOString(),
    });
  }
  return entries;
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
export function renderSitemap(now: Date = new Date(), limit = SITEMAP_LIMIT): string {
  const entries = getSitemapEntries(now);
  if (entries.length <= limit) return toUrlset(entries);
  const parts = Math.ceil(entries.length / limit);
  return writeXml({
    sitemapindex: {
      '@xmlns': SITEMAP_NS,
      sitemap: Array.from({ length: parts }, (_, i) => ({
        loc: absoluteUrl(sitemapPartPath(i + 1)),
      })),
    },
  });
}

/** One part (1-based) of a split sitemap, or undefined past the last. */
export function renderSitemapPart(
  part: number,
  now: Date = new Date(),
  limit = SITEMAP_LIMIT,
): string | undefined {
  const entries = getSitemapEntries(now);
  if (entries.length <= limit || part < 1) return undefined;
  const slice = entries.slice((part - 1) * limit, part * limit);
  return slice.length > 0 ? toUrlset(slice) : undefined;
}

/** Articles for the Google News sitemap: published in the last 48 hours, newest first, 1,000 at most. */
export function getNewsArticles(articles: readonly Article[], now: Date): Article[] {
  return articles
    .filter(
      (a) =>
        a.dated &&
        a.published.getTime() <= now.getTime() &&
        now.getTime() - a.published.getTime() <= NEWS_WINDOW_MS,
    )
    .slice(0, NEWS_LIMIT);
}

/** /news-sitemap.xml in the Google News format: an empty urlset on a quiet weekend, never an error. */
export function renderNewsSitemap(now: Date = new Date()): string {
  const urls = getNewsArticles(getArticles(now), now).map((article): XmlNode => ({
    loc: absoluteUrl(articlePath(article.slug)),
    'news:news': {
      'news:publication': {
        'news:name': getMasthead().name,
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
