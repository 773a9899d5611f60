import { getBreakingNews, getMasthead, type ContentView } from '@/lib/content';
import { toKstIso } from '@/lib/format';
import { absoluteUrl, articlePath } from '@/lib/paths';

/** How many breaking items the strip and the JSON carry at most. */
const MAX_ITEMS = 5;

export interface BreakingNewsItem {
  title: string;
  /** Site-relative path, for links on our own pages. */
  path: string;
  /** Absolute URL, for apps and widgets. */
  url: string;
  published: string;
  until: string | null;
  /** What the article is when readers must be told (사설, 광고 …): `_site.yml`'s label, as on every list. */
  label?: string;
}

/** Current breaking items, newest first, in the shape the banner and /api/breaking share. */
export function getBreakingItems(view: ContentView): BreakingNewsItem[] {
  const { labels } = getMasthead(view);
  return getBreakingNews(view, MAX_ITEMS).map((article) => ({
    title: article.title,
    path: articlePath(article.slug),
    url: absoluteUrl(view, articlePath(article.slug)),
    published: toKstIso(article.published),
    until: article.breakingUntil ? toKstIso(article.breakingUntil) : null,
    label: labels[article.kind],
  }));
}
