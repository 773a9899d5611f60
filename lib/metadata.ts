import type { Metadata } from 'next';

import { getMasthead, type Article, type ContentView } from '@/lib/content';
import { FEED_FILES, toFeedPath, type FeedFormat, type FeedScope } from '@/lib/feeds';
import { articlePath } from '@/lib/paths';
import { site } from '@/lib/site';
import { getSocialImage } from '@/lib/structured-data';

/**
 * `<link rel="alternate">` for the site's feeds, and a category's or tag's when given. Next
 * replaces, not merges, a page's `alternates`, so every page that sets a canonical URL passes these.
 */
export function feedAlternates(
  view: ContentView,
  scope?: FeedScope,
): NonNullable<Metadata['alternates']>['types'] {
  const types: Record<string, { url: string; title: string }[]> = {};
  const names: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };
  const siteName = getMasthead(view).name;
  for (const format of ['rss', 'atom', 'json'] as const) {
    const list = [{ url: toFeedPath(format), title: `${siteName} ${names[format]}` }];
    if (scope)
      list.push({
        url: toFeedPath(format, scope),
        title: `${scope.taxonomy === 'tag' ? '#' : ''}${scope.term.name} | ${siteName} ${names[format]}`,
      });
    types[FEED_FILES[format].type] = list;
  }
  return types;
}

const OG_LOCALES: Record<string, string> = {
  ko: 'ko_KR',
  en: 'en_US',
  ar: 'ar_AR',
  ja: 'ja_JP',
  zh: 'zh_CN',
};

/** Title, description, canonical URL, Open Graph article tags and a Twitter card for an article. */
export function toArticleMetadata(
  view: ContentView,
  article: Article,
  description: string,
): Metadata {
  const url = articlePath(article.slug);
  // Width and height only when they are known: another site's image is of unknown size.
  const image = { ...getSocialImage(view, article), alt: article.socialImageAlt ?? article.title };
  const language = article.lang.split('-')[0] ?? site.lang;
  return {
    title: article.title,
    description,
    authors: article.author ? [{ name: article.author }] : undefined,
    keywords: article.tags.map((t) => t.name),
    alternates: {
      canonical: url,
      languages: { [article.lang]: url },
      types: feedAlternates(
        view,
        article.categories[0] ? { taxonomy: 'category', term: article.categories[0] } : undefined,
      ),
    },
    openGraph: {
      type: 'article',
      url,
      siteName: getMasthead(view).name,
      title: article.title,
      description,
      locale: OG_LOCALES[language] ?? language,
      publishedTime: article.published.toISOString(),
      modifiedTime: (article.updated ?? article.published).toISOString(),
      section: article.categories[0]?.name,
      tags: [...article.categories, ...article.tags].map((t) => t.name),
      authors: article.author ? [article.author] : undefined,
      images: [image],
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description,
      images: [image.url],
    },
  };
}
