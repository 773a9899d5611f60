import { Readable } from 'node:stream';

import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';

import { getArticles, getCategories, type Article } from '@/lib/content';
import { absoluteUrl, articlePath, categoryPath } from '@/lib/paths';
import { site } from '@/lib/site';

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_LIMIT = 50_000;
/** Google News takes articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 3600_000;
export const NEWS_LIMIT = 1000;

async function toXml(
  stream: SitemapStream | SitemapIndexStream,
  items: readonly unknown[],
): Promise<string> {
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** Every published article and category page, with the time it last changed. */
export function getSitemapEntries(now: Date = new Date()): SitemapItemLoose[] {
  const articles = getArticles(now);
  const entries: SitemapItemLoose[] = [
    { url: absoluteUrl('/'), lastmod: articles[0]?.published.toISOString() },
  ];
  for (const category of getCategories(1, now)) {
    entries.push({
      url: absoluteUrl(categoryPath(category.slug)),
      lastmod: category.latest[0]?.published.toISOString(),
    });
  }
  for (const article of articles) {
    entries.push({
      url: absoluteUrl(articlePath(article.slug)),
      lastmod: (article.updated ?? article.published).toISOString(),
    });
  }
  return entries;
}

/** /sitemap.xml: one urlset, or an index of parts once there are more URLs than one file may hold. */
export async function renderSitemap(
  now: Date = new Date(),
  limit = SITEMAP_LIMIT,
): Promise<string> {
  const entries = getSitemapEntries(now);
  if (entries.length <= limit) return toXml(new SitemapStream(), entries);
  const parts = Math.ceil(entries.length / limit);
  return toXml(
    new SitemapIndexStream(),
    Array.from({ length: parts }, (_, i) => ({ url: absoluteUrl(`/sitemaps/${i + 1}.xml`) })),
  );
}

/** One part (1-based) of a split sitemap, or undefined past the last. */
export async function renderSitemapPart(
  part: number,
  now: Date = new Date(),
  limit = SITEMAP_LIMIT,
): Promise<string | undefined> {
  const entries = getSitemapEntries(now);
  if (entries.length <= limit || part < 1) return undefined;
  const slice = entries.slice((part - 1) * limit, part * limit);
  return slice.length > 0 ? toXml(new SitemapStream(), slice) : undefined;
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

/** /news-sitemap.xml in the Google News format. */
export async function renderNewsSitemap(now: Date = new Date()): Promise<string> {
  const items: SitemapItemLoose[] = getNewsArticles(getArticles(now), now).map((article) => ({
    url: absoluteUrl(articlePath(article.slug)),
    news: {
      publication: { name: site.name, language: article.lang.split('-')[0] ?? site.lang },
      publication_date: article.published.toISOString(),
      title: article.title,
    },
  }));
  return toXml(
    new SitemapStream({ xmlns: { news: true, xhtml: false, image: false, video: false } }),
    items,
  );
}

export function xmlResponse(xml: string | undefined): Response {
  if (xml === undefined) return new Response('Not found', { status: 404 });
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
