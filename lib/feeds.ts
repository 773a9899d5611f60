import { Feed } from 'feed';

import { decodeParam, getArticles, getSnapshot, type Article, type Category } from '@/lib/content';
import { absoluteUrl, articlePath, categoryPath } from '@/lib/paths';
import { getArticleBody, getSummary } from '@/lib/render';
import { site } from '@/lib/site';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FILES: Record<FeedFormat, { file: string; type: string }> = {
  rss: { file: 'feed.xml', type: 'application/rss+xml' },
  atom: { file: 'atom.xml', type: 'application/atom+xml' },
  json: { file: 'feed.json', type: 'application/feed+json' },
};

/** The URL path of the site's feed, or a category's. */
export function feedPath(format: FeedFormat, category?: Category): string {
  const file = FEED_FILES[format].file;
  return category ? `${categoryPath(category.slug)}/${file}` : `/${file}`;
}

interface FeedEntry {
  article: Article;
  url: string;
  summary: string;
  content: string;
  image?: string;
}

async function toEntries(articles: Article[]): Promise<FeedEntry[]> {
  return Promise.all(
    articles.map(async (article) => ({
      article,
      url: absoluteUrl(articlePath(article.slug)),
      summary: await getSummary(article, 300),
      content: (await getArticleBody(article, { absolute: true })).html,
      image: article.socialImage ? absoluteUrl(article.socialImage) : undefined,
    })),
  );
}

/**
 * JSON Feed 1.1 (jsonfeed.org/version/1.1). The `feed` library writes version 1 only; JSON needs
 * no escaping by hand, so this is a typed object given to JSON.stringify.
 */
function toJsonFeed(title: string, homeUrl: string, feedUrl: string, entries: FeedEntry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: homeUrl,
    feed_url: feedUrl,
    description: site.description,
    language: site.lang,
    items: entries.map(({ article, url, summary, content, image }) => ({
      id: url,
      url,
      title: article.title,
      summary,
      content_html: content,
      image,
      date_published: article.published.toISOString(),
      date_modified: (article.updated ?? article.published).toISOString(),
      authors: article.author ? [{ name: article.author }] : undefined,
      tags: [...article.categories.map((c) => c.name), ...article.tags],
      language: article.lang,
    })),
  });
}

/**
 * Atom puts categories in attributes, where the library escapes `&` and `"` but not `<`: a name
 * holding `<` would make the whole feed malformed XML. The slug is always safe, so Atom's `term`
 * is the slug, and its `label` falls back to the slug for such a name. RSS uses text nodes.
 */
function toFeedCategory(category: Category, format: FeedFormat) {
  const unsafeInAttribute = format === 'atom' && /[<>]/.test(category.name);
  return {
    name: unsafeInAttribute ? category.slug : category.name,
    term: category.slug,
    domain: absoluteUrl(categoryPath(category.slug)),
  };
}

/** A feed of the newest published articles, site-wide or for one category, in `format`. */
export async function renderFeed(
  format: FeedFormat,
  categorySlug?: string,
): Promise<string | undefined> {
  const category = categorySlug ? getSnapshot().categories.get(categorySlug) : undefined;
  if (categorySlug && !category) return undefined;
  const articles = getArticles()
    .filter((a) => !category || a.categories.some((c) => c.slug === category.slug))
    .slice(0, FEED_SIZE);
  const entries = await toEntries(articles);
  const title = category ? `${category.name} | ${site.name}` : site.name;
  const homeUrl = absoluteUrl(category ? categoryPath(category.slug) : '/');
  const feedUrl = absoluteUrl(feedPath(format, category));
  if (format === 'json') return toJsonFeed(title, homeUrl, feedUrl, entries);

  const newest = entries[0]?.article;
  const feed = new Feed({
    id: homeUrl,
    title,
    description: site.description,
    link: homeUrl,
    language: site.lang,
    updated: newest ? (newest.updated ?? newest.published) : new Date(0),
    generator: site.name,
    copyright: `© ${site.name}`,
    feedLinks: {
      rss: absoluteUrl(feedPath('rss', category)),
      atom: absoluteUrl(feedPath('atom', category)),
      json: absoluteUrl(feedPath('json', category)),
    },
  });
  for (const { article, url, summary, content, image } of entries) {
    feed.addItem({
      id: url,
      guid: url,
      link: url,
      title: article.title,
      description: summary,
      content,
      date: article.updated ?? article.published,
      published: article.published,
      author: article.author ? [{ name: article.author }] : undefined,
      category: article.categories.map((c) => toFeedCategory(c, format)),
      image,
    });
  }
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

/** A feed response with its media type. */
export async function feedResponse(format: FeedFormat, categorySlug?: string): Promise<Response> {
  const body = await renderFeed(format, categorySlug);
  if (body === undefined) return new Response('Not found', { status: 404 });
  return new Response(body, {
    headers: { 'Content-Type': `${FEED_FILES[format].type}; charset=utf-8` },
  });
}

/** The GET handler of a category's feed route: /category/<slug>/feed.xml, atom.xml, feed.json. */
export function categoryFeedHandler(format: FeedFormat) {
  return async (_request: Request, { params }: { params: Promise<{ slug: string }> }) =>
    feedResponse(format, decodeParam((await params).slug));
}
