import type { Article, ContentView } from '@/lib/content';
import { toKstIso } from '@/lib/format';
import {
  absoluteUrl,
  articlePath,
  categoryPath,
  HOME_PATH,
  LOGO_PATH,
  reporterPath,
  searchPath,
  socialImagePath,
} from '@/lib/paths';
import { getMasthead, isOpinionKind, isSponsoredKind, type LiveCoverage } from '@/lib/content';
import { cropPath } from '@/lib/media/media-path';
import { resolveImage, toSharedImage, type SharedImage } from '@/lib/media/resolve-image';
import { site } from '@/lib/site';

/**
 * JSON for a <script type="application/ld+json">. JSON.stringify alone lets a value such as
 * "</script><script>…" close the element; escaping <, > and & (and the two line separators that
 * old parsers choke on) as \\u escapes keeps the JSON identical and the element closed.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The generated share card's size (lib/social-image.ts). */
const CARD_SIZE = { width: 1200, height: 630 };

/**
 * The image shared for an article: its own (a made photo with its true size, another site's of
 * unknown size), or the generated card with its headline.
 */
export function getSocialImage(view: ContentView, article: Article): SharedImage {
  const own = toSharedImage(article.socialImage);
  return own
    ? { ...own, url: absoluteUrl(view, own.url) }
    : { url: absoluteUrl(view, socialImagePath(article.slug)), ...CARD_SIZE };
}

/** The URL of the image shared for an article (`getSocialImage`). */
export function getSocialImageUrl(view: ContentView, article: Article): string {
  return getSocialImage(view, article).url;
}

/**
 * NewsArticle's `image`: the lead photo's 16:9, 4:3 and 1:1 crops with their sizes, as Google's
 * Article guidance asks; the shared image alone when the lead is no made photo.
 */
function toJsonLdImages(view: ContentView, article: Article): unknown[] {
  const lead = resolveImage(article.image);
  const crops = lead?.kind === 'photo' ? lead.manifest.crops : [];
  if (lead?.kind !== 'photo' || crops.length === 0) return [getSocialImageUrl(view, article)];
  return crops.map((crop) => ({
    '@type': 'ImageObject',
    url: absoluteUrl(view, cropPath(lead.manifest.hash, crop.aspect)),
    width: crop.width,
    height: crop.height,
  }));
}

/** The publisher's logo: `_site.yml`'s `logo` (a made photo with its size), else the drawn one. */
function publisherLogo(view: ContentView) {
  const own = toSharedImage(getMasthead(view).logo, 600);
  return own
    ? { '@type': 'ImageObject', ...own, url: absoluteUrl(view, own.url) }
    : { '@type': 'ImageObject', url: absoluteUrl(view, LOGO_PATH), width: 600, height: 600 };
}

const publisher = (view: ContentView) => ({
  '@type': 'NewsMediaOrganization',
  name: getMasthead(view).name,
  url: absoluteUrl(view, HOME_PATH),
  logo: publisherLogo(view),
});

/** The schema.org type of an article: opinion (사설, 칼럼, 기고) and paid-for (광고/협찬) are not news. */
function articleType(article: Article): string {
  if (isOpinionKind(article.kind)) return 'OpinionNewsArticle';
  if (isSponsoredKind(article.kind)) return 'AdvertiserContentArticle';
  return 'NewsArticle';
}

/**
 * schema.org NewsArticle for an article page (OpinionNewsArticle for opinion, AdvertiserContentArticle
 * for 광고/협찬), with the agency it was carried from as `sourceOrganization`.
 */
export function toNewsArticleJsonLd(view: ContentView, article: Article, description: string) {
  const url = absoluteUrl(view, articlePath(article.slug));
  return {
    '@context': 'https://schema.org',
    '@type': articleType(article),
    headline: article.title,
    description,
    image: toJsonLdImages(view, article),
    datePublished: toKstIso(article.published),
    dateModified: toKstIso(article.updated ?? article.published),
    author:
      article.bylines.length > 0
        ? article.bylines.map((byline) => ({
            '@type': 'Person',
            name: byline.name,
            ...(byline.reporterId
              ? { url: absoluteUrl(view, reporterPath(byline.reporterId)) }
              : {}),
            ...(byline.email ? { email: byline.email } : {}),
            ...(byline.role ? { jobTitle: byline.role } : {}),
          }))
        : [
            {
              '@type': 'Organization',
              name: getMasthead(view).name,
              url: absoluteUrl(view, HOME_PATH),
            },
          ],
    publisher: publisher(view),
    ...(article.agency
      ? { sourceOrganization: { '@type': 'NewsMediaOrganization', name: article.agency } }
      : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: article.categories.map((c) => c.name),
    keywords: article.tags.map((t) => t.name),
    inLanguage: article.lang,
  };
}

/** schema.org BreadcrumbList: home › first category › article. */
export function toBreadcrumbJsonLd(view: ContentView, article: Article) {
  const category = article.categories[0];
  const trail = [
    { name: getMasthead(view).name, url: absoluteUrl(view, HOME_PATH) },
    ...(category
      ? [{ name: category.name, url: absoluteUrl(view, categoryPath(category.slug)) }]
      : []),
    { name: article.title, url: absoluteUrl(view, articlePath(article.slug)) },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((item, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: item.name,
      item: item.url,
    })),
  };
}

/** schema.org WebSite with a SearchAction, for the home page. */
export function toWebSiteJsonLd(view: ContentView) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: getMasthead(view).name,
    url: absoluteUrl(view, HOME_PATH),
    inLanguage: site.lang,
    publisher: publisher(view),
    potentialAction: {
      '@type': 'SearchAction',
      target: {
        '@type': 'EntryPoint',
        urlTemplate: `${absoluteUrl(view, searchPath())}?q={search_term_string}`,
      },
      'query-input': 'required name=search_term_string',
    },
  };
}

/**
 * schema.org LiveBlogPosting for an article with live coverage: the NewsArticle fields, the
 * coverage's start and end, and each shown update (`texts` are the updates' plain bodies).
 */
export function toLiveBlogJsonLd(
  view: ContentView,
  article: Article,
  description: string,
  coverage: LiveCoverage,
  texts: readonly string[],
) {
  const base = toNewsArticleJsonLd(view, article, description);
  const newest = [...coverage.updates].sort((a, b) => b.date.getTime() - a.date.getTime())[0];
  const modified = [article.updated ?? article.published, newest?.date].filter(
    (d): d is Date => !!d,
  );
  return {
    ...base,
    '@type': 'LiveBlogPosting',
    dateModified: toKstIso(new Date(Math.max(...modified.map((d) => d.getTime())))),
    coverageStartTime: toKstIso(article.published),
    ...(coverage.endedAt ? { coverageEndTime: toKstIso(coverage.endedAt) } : {}),
    liveBlogUpdate: coverage.updates.map((update, index) => {
      const text = texts[index] ?? '';
      return {
        '@type': 'BlogPosting',
        headline: update.title ?? (text.length > 110 ? `${text.slice(0, 109)}…` : text),
        datePublished: toKstIso(update.date),
        url: `${base.url}#update-${encodeURIComponent(update.id)}`,
        articleBody: text,
        ...(update.bylines.length > 0
          ? { author: update.bylines.map((b) => ({ '@type': 'Person', name: b.name })) }
          : {}),
      };
    }),
  };
}
