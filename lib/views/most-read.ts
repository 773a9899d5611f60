import { getArticle, listArticles, type Article, type ContentView } from '@/lib/content';

import { topViews, type ViewCount } from './index';

/** How long the list is kept between queries, in seconds (`MOST_READ_REFRESH_S`, default 60). */
function refreshMs(): number {
  const seconds = Number(process.env.MOST_READ_REFRESH_S ?? 60);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

// Only the counts are kept between queries; articles are looked up every time, so an article taken
// down or edited is never shown from here as it was.
let memo: { at: number; limit: number; counts: ViewCount[] } | undefined;

/**
 * 많이 본 뉴스: the published articles most viewed in the last 24 hours, most first, topped up with
 * the newest articles while there are fewer counts than places (a new site, a quiet night), so the
 * list is never empty while there is any article. The counts are asked for at most once a minute.
 */
export function getMostRead(view: ContentView, limit = 10): Article[] {
  const now = view.now.getTime();
  if (!memo || memo.limit !== limit || now - memo.at >= refreshMs() || now < memo.at) {
    memo = { at: now, limit, counts: topViews(limit * 3, now) };
  }
  const counted = memo.counts
    .map(({ slug }) => getArticle(view, slug))
    .filter((article): article is Article => article !== undefined)
    .slice(0, limit);
  const taken = new Set(counted.map((article) => article.slug));
  const newest = listArticles(view, {}, limit + taken.size).filter(
    (article) => !taken.has(article.slug),
  );
  return [...counted, ...newest].slice(0, limit);
}
