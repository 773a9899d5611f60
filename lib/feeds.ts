import {
  getMasthead,
  getTerm,
  getView,
  listArticles,
  type Article,
  type Category,
  type ContentView,
  type Taxonomy,
} from '@/lib/content';
import { toSharedImage } from '@/lib/media/resolve-image';
import {
  absoluteUrl,
  articlePath,
  categoryPath,
  FEED_FILE_NAMES,
  feedPath,
  HOME_PATH,
  listingPath,
  readSlugParam,
  type FeedFormat,
} from '@/lib/paths';
import { getArticleBody, getSummary } from '@/lib/render';
import { site } from '@/lib/site';
import { escapeHtml } from '@/lib/text/html';
import { writeXml, type XmlNode } from '@/lib/xml';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

export type { FeedFormat } from '@/lib/paths';

/** Each feed format's file name (from lib/paths.ts) and media type. */
export const FEED_FILES: Record<FeedFormat, { file: string; type: string }> = {
  rss: { file: FEED_FILE_NAMES.rss, type: 'application/rss+xml' },
  atom: { file: FEED_FILE_NAMES.atom, type: 'application/atom+xml' },
  json: { file: FEED_FILE_NAMES.json, type: 'application/feed+json' },
};

/** A category or a tag, for the feeds of its articles. */
export interface FeedScope {
  taxonomy: Taxonomy;
  term: Category;
}

/** The URL path of the site's feed, or a category's, tag's or reporter's. */
export function toFeedPath(format: FeedFormat, scope?: FeedScope): string {
  return feedPath(format, scope && { taxonomy: scope.taxonomy, slug: scope.term.slug });
}

interface FeedEntry {
  article: Article;
  url: string;
  /** Plain text: never markup, whatever the excerpt holds. */
  summary: string;
  /** Sanitized HTML of the whole body, with absolute URLs. */
  content: string;
  image?: string;
  /** The newest of the publication and update times. */
  updated: Date;
  /** What the article is when readers must be told (사설, 광고 …): `_site.yml`'s label, first among its categories. */
  label?: string;
}

interface FeedChannel {
  title: string;
  description: string;
  /** The publication: the feed's generator and the author of entries without a byline. */
  publisher: string;
  copyright: string;
  homeUrl: string;
  feedUrl: string;
  updated: Date;
  entries: FeedEntry[];
}

/** An entry's image for feed readers: the article's own share image, absolute; none without one. */
function toFeedImage(view: ContentView, article: Article): string | undefined {
  const shared = toSharedImage(article.socialImage);
  return shared && absoluteUrl(view, shared.url);
}

async function toEntries(view: ContentView, articles: readonly Article[]): Promise<FeedEntry[]> {
  const { url: siteUrl, labels } = getMasthead(view);
  return Promise.all(
    articles.map(async (article) => ({
      article,
      url: absoluteUrl(view, articlePath(article.slug)),
      summary: await getSummary(article, siteUrl, 300),
      content: (await getArticleBody(article, siteUrl, { absolute: true })).html,
      image: toFeedImage(view, article),
      updated: article.updated ?? article.published,
      label: labels[article.kind],
    })),
  );
}

const IMAGE_TYPES: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

/** An image's media type from its URL's extension; undefined when the URL does not say. */
function imageType(url: string): string | undefined {
  const extension = /\.([a-z]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension ? IMAGE_TYPES[extension] : undefined;
}

/**
 * RSS 2.0. Readers treat `title` and `description` as HTML, so plain text is HTML-escaped first
 * (then XML-escaped by the writer): `<script>` in a title reaches the reader as the text
 * "<script>", never as markup. The body goes in `content:encoded` as escaped text, not CDATA.
 */
function toRss(view: ContentView, channel: FeedChannel): string {
  const items = channel.entries.map(({ article, url, summary, content, image, label }): XmlNode => {
    const type = image ? imageType(image) : undefined;
    return {
      title: escapeHtml(article.title),
      link: url,
      guid: { '@isPermaLink': 'true', '#text': url },
      pubDate: article.published.toUTCString(),
      description: escapeHtml(summary),
      'content:encoded': content,
      'dc:creator': article.author,
      category: [
        ...(label ? [{ '#text': label }] : []),
        ...article.categories.map((c) => ({
          '@domain': absoluteUrl(view, categoryPath(c.slug)),
          '#text': c.name,
        })),
      ],
      enclosure: image && type ? { '@url': image, '@length': '0', '@type': type } : undefined,
    };
  });
  return writeXml({
    rss: {
      '@version': '2.0',
      '@xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      channel: {
        title: escapeHtml(channel.title),
        link: channel.homeUrl,
        description: escapeHtml(channel.description),
        language: site.lang,
        lastBuildDate: channel.updated.toUTCString(),
        generator: channel.publisher,
        copyright: channel.copyright,
        'atom:link': { '@href': channel.feedUrl, '@rel': 'self', '@type': FEED_FILES.rss.type },
        item: items,
      },
    },
  });
}

/** Atom 1.0: plain text is `type="text"`, the body `type="html"`; both escaped by the writer. */
function toAtom(view: ContentView, channel: FeedChannel): string {
  const entries = channel.entries.map(
    ({ article, url, summary, content, image, updated, label }): XmlNode => {
      const type = image ? imageType(image) : undefined;
      return {
        '@xml:lang': article.lang,
        id: url,
        title: { '@type': 'text', '#text': article.title },
        link: [
          { '@rel': 'alternate', '@type': 'text/html', '@href': url },
          ...(image && type ? [{ '@rel': 'enclosure', '@type': type, '@href': image }] : []),
        ],
        published: article.published.toISOString(),
        updated: updated.toISOString(),
        author: article.author ? { name: article.author } : undefined,
        category: [
          ...(label ? [{ '@term': article.kind, '@label': label }] : []),
          ...article.categories.map((c) => ({
            '@term': c.slug,
            '@label': c.name,
            '@scheme': absoluteUrl(view, categoryPath(c.slug)),
          })),
        ],
        summary: { '@type': 'text', '#text': summary },
        content: { '@type': 'html', '#text': content },
      };
    },
  );
  return writeXml({
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': site.lang,
      id: channel.homeUrl,
      title: { '@type': 'text', '#text': channel.title },
      subtitle: { '@type': 'text', '#text': channel.description },
      updated: channel.updated.toISOString(),
      // Atom needs an author for every entry; the publication stands in where an article has none.
      author: { name: channel.publisher },
      link: [
        { '@rel': 'alternate', '@type': 'text/html', '@href': channel.homeUrl },
        { '@rel': 'self', '@type': FEED_FILES.atom.type, '@href': channel.feedUrl },
      ],
      generator: channel.publisher,
      rights: channel.copyright,
      entry: entries,
    },
  });
}

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): a typed object given to JSON.stringify. */
function toJsonFeed(channel: FeedChannel): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrl,
    description: channel.description,
    language: site.lang,
    items: channel.entries.map(({ article, url, summary, content, image, updated, label }) => ({
      id: url,
      url,
      title: article.title,
      summary,
      content_html: content,
      image,
      date_published: article.published.toISOString(),
      date_modified: updated.toISOString(),
      authors: article.author ? [{ name: article.author }] : undefined,
      tags: [
        ...(label ? [label] : []),
        ...[...article.categories, ...article.tags].map((t) => t.name),
      ],
      language: article.lang,
    })),
  });
}

/**
 * A feed of the newest published articles, site-wide or for one category or tag, in `format`;
 * undefined for a term with no published article. An empty site still gets a valid, empty feed.
 */
export async function renderFeed(
  view: ContentView,
  format: FeedFormat,
  scope?: { taxonomy: Taxonomy; slug: string },
): Promise<string | undefined> {
  const term = scope ? getTerm(view, scope.taxonomy, scope.slug) : undefined;
  if (scope && !term) return undefined;
  const feedScope = scope && term ? { taxonomy: scope.taxonomy, term } : undefined;
  const articles = listArticles(
    view,
    feedScope ? { taxonomy: feedScope.taxonomy, term: feedScope.term.slug } : {},
    FEED_SIZE,
  );
  const entries = await toEntries(view, articles);
  const name = feedScope
    ? feedScope.taxonomy === 'tag'
      ? `#${feedScope.term.name}`
      : feedScope.term.name
    : '';
  const masthead = getMasthead(view);
  const channel: FeedChannel = {
    title: feedScope ? `${name} | ${masthead.name}` : masthead.name,
    description: masthead.description,
    publisher: masthead.name,
    copyright: masthead.copyright,
    homeUrl: absoluteUrl(
      view,
      feedScope ? listingPath(feedScope.taxonomy, feedScope.term.slug) : HOME_PATH,
    ),
    feedUrl: absoluteUrl(view, toFeedPath(format, feedScope)),
    updated: entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), new Date(0)),
    entries,
  };
  return format === 'rss'
    ? toRss(view, channel)
    : format === 'atom'
      ? toAtom(view, channel)
      : toJsonFeed(channel);
}

/** A feed response with its media type. */
export async function feedResponse(
  format: FeedFormat,
  scope?: { taxonomy: Taxonomy; slug: string },
): Promise<Response> {
  const body = await renderFeed(getView(), format, scope);
  if (body === undefined) return new Response('Not found', { status: 404 });
  return new Response(body, {
    headers: { 'Content-Type': `${FEED_FILES[format].type}; charset=utf-8` },
  });
}

/**
 * The GET handler of a category's or tag's feed route: /category/<slug>/feed.xml, atom.xml,
 * feed.json, and the same under /tag/. Another spelling of the slug (NFD Hangul) is redirected to
 * the NFC URL, not rendered again.
 */
export function termFeedHandler(taxonomy: Taxonomy, format: FeedFormat) {
  return async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
    const { slug, isCanonical } = readSlugParam((await params).slug);
    const term = getTerm(getView(), taxonomy, slug);
    if (term && !isCanonical) {
      return new Response(null, {
        status: 308,
        headers: { Location: feedPath(format, { taxonomy, slug: term.slug }) },
      });
    }
    return feedResponse(format, { taxonomy, slug });
  };
}
