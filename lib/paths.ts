// The one map of the site's URL paths: pages, listings, feeds, sitemaps, API routes (from
// lib/api-paths.ts), media (lib/media/media-path.ts) and absolute URLs. Nothing else spells a path.

import { getMasthead, type ContentView } from '@/lib/content';
import type { Taxonomy } from '@/lib/content/types';

export {
  API_PREFIX,
  BREAKING_API_PATH,
  liveApiPath,
  STATUS_API_PATH,
  VIEWS_API_PATH,
} from '@/lib/api-paths';

/** One path segment, percent-encoded; a lone surrogate (which encodeURIComponent throws on) becomes U+FFFD. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.toWellFormed());
}

/** The home page. */
export const HOME_PATH = '/';

/** The list of every category. */
export const CATEGORIES_PATH = '/categories';

/** The list of every reporter. */
export const REPORTERS_PATH = '/reporters';

/** Editors' previews of unpublished articles (`/preview/<slug>?token=…`); kept from crawlers. */
export const PREVIEW_PREFIX = '/preview/';

/** The drawn publisher logo, for JSON-LD when `_site.yml` names none. */
export const LOGO_PATH = '/logo.png';

/** The sitemap (or its index) and the Google News sitemap. */
export const SITEMAP_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';

/** One part of a sitemap too big for one file: `/sitemaps/2.xml`. */
export function sitemapPartPath(part: number): string {
  return `/sitemaps/${part}.xml`;
}

/** The part a `/sitemaps/<segment>` names (`2.xml` → 2), or undefined for any other segment (`02.xml`, `2`, `x.xml`). */
export function readSitemapPart(segment: string): number | undefined {
  const match = /^([1-9]\d{0,4})\.xml$/.exec(segment);
  return match ? Number(match[1]) : undefined;
}

/** The search page, with a query (and a page past the first) when given: `/search?q=…&page=2`. */
export function searchPath(query?: string, page = 1): string {
  if (query === undefined) return '/search';
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/** The file name of each feed format, under the site or a category's, tag's or reporter's path. */
export const FEED_FILE_NAMES: Record<FeedFormat, string> = {
  rss: 'feed.xml',
  atom: 'atom.xml',
  json: 'feed.json',
};

/** The URL path of the site's feed, or a category's, tag's or reporter's. */
export function feedPath(format: FeedFormat, scope?: { taxonomy: Taxonomy; slug: string }): string {
  const file = FEED_FILE_NAMES[format];
  return scope ? `${listingPath(scope.taxonomy, scope.slug)}/${file}` : `/${file}`;
}

/** The URL path of an article. */
export function articlePath(slug: string): string {
  return `/articles/${encodeSegment(slug)}`;
}

/** The URL path of a category's or tag's listing page: `/category/<slug>`, `/tag/<slug>/page/2`. */
export function listingPath(taxonomy: Taxonomy, slug: string, page = 1): string {
  const base = `/${taxonomy}/${encodeSegment(slug)}`;
  return page > 1 ? `${base}/page/${page}` : base;
}

/** The URL path of a category listing page. */
export function categoryPath(slug: string, page = 1): string {
  return listingPath('category', slug, page);
}

/** The URL path of a reporter's page: the profile and their articles. */
export function reporterPath(id: string, page = 1): string {
  return listingPath('reporters', id, page);
}

/** The URL path of a tag listing page. */
export function tagPath(slug: string, page = 1): string {
  return listingPath('tag', slug, page);
}

/** The URL path of a series' page (연재·기획): its articles in reading order. */
export function seriesPath(id: string): string {
  return listingPath('series', id);
}

/** The URL path of a page (`_pages/`): at the top level, `/about`. */
export function pagePath(slug: string): string {
  return `/${encodeSegment(slug)}`;
}

/** The URL path of the share card generated for an article without an image. */
export function socialImagePath(slug: string): string {
  return `/og/${encodeSegment(slug)}`;
}

export { mediaPath } from '@/lib/media/media-path';

/**
 * An absolute URL on this site, from the publication's URL (`SITE_URL`, else `_site.yml`). It
 * never throws, whatever the content: pages, feeds and JSON-LD build these on every request, so
 * what cannot be resolved (it never comes from our own paths) gives the site's home instead.
 */
export function absoluteUrl(view: ContentView, pathOrUrl: string): string {
  const base = `${getMasthead(view).url}/`;
  try {
    return new URL(pathOrUrl, base).toString();
  } catch {
    return base;
  }
}

export { readSlugParam } from '@/lib/slug-param';
