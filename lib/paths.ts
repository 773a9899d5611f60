import { site } from '@/lib/site';

/** The URL path of an article. */
export function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

/** The URL path of a category listing page. */
export function categoryPath(slug: string, page = 1): string {
  const base = `/category/${encodeURIComponent(slug)}`;
  return page > 1 ? `${base}/page/${page}` : base;
}

/** An absolute URL on this site, from the one configured site URL. */
export function absoluteUrl(pathOrUrl: string): string {
  return new URL(pathOrUrl, `${site.url}/`).toString();
}
