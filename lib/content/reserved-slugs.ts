/**
 * The first path segments the site's own routes use: a page there would never be reached, or
 * would hide a route. Next's special files and folders are included;
 * reserved-slugs.test.ts derives them from app/ and fails on one missing here.
 */
export const RESERVED_PAGE_SLUGS = new Set([
  'api',
  'articles',
  'atom.xml',
  'categories',
  'category',
  'feed.json',
  'feed.xml',
  'icon.svg',
  'indexnow',
  'logo.png',
  'media',
  'news-sitemap.xml',
  'og',
  'preview',
  'reporters',
  'robots.txt',
  'search',
  'series',
  'sitemap.xml',
  'sitemaps',
  'tag',
  '_next',
  'favicon.ico',
]);
