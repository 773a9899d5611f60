import { getMasthead, type ContentView } from '@/lib/content';
import type { Taxonomy } from '@/lib/content/types';

/** One path segment, percent-encoded; a lone surrogate (which encodeURIComponent throws on) becomes U+FFFD. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.toWellFormed());
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

/** The URL path of a page (`_pages/`): at the top level, `/about`. */
export function pagePath(slug: string): string {
  return `/${encodeSegment(slug)}`;
}

/** The URL path of the share card generated for an article without an image. */
export function socialImagePath(slug: string): string {
  return `/og/${encodeSegment(slug)}`;
}

/** The URL path of one part (1-based) of a sitemap split into parts. */
export function sitemapPartPath(part: number): string {
  return `/sitemaps/${part}.xml`;
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

/**
 * A slug from a route param: percent-decoded (never throwing on bad escapes), in NFC, and whether
 * the URL already spelled it that way. A Hangul slug has hundreds of spellings (NFC or NFD per
 * syllable); only the NFC one is rendered, the others are redirected to it.
 */
export function readSlugParam(param: string): { slug: string; isCanonical: boolean } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(param);
  } catch {
    decoded = param;
  }
  const slug = decoded.normalize('NFC');
  return { slug, isCanonical: slug === decoded };
}
