import Link from 'next/link';

import type { Article, SeriesPlace } from '@/lib/content';
import { articlePath, seriesPath } from '@/lib/paths';

import { KindLabel } from '@/components/article/kind-label';

export interface SeriesNavProps {
  place: SeriesPlace;
}

/** "연재: <name> (3/7)" under an article, with the previous and next articles of the series. */
export function SeriesNav({ place }: SeriesNavProps) {
  const item = (article: Article, label: string, rel: 'prev' | 'next', align: string) => (
    <Link
      href={articlePath(article.slug)}
      rel={rel}
      className={`flex flex-col gap-1 rounded-md border border-neutral-200 p-3 hover:border-brand-600 dark:border-neutral-800 ${align}`}
    >
      <span className="meta">{label}</span>
      <span lang={article.lang} dir={article.dir} className="font-bold">
        <KindLabel kind={article.kind} />
        {article.title}
      </span>
    </Link>
  );
  return (
    <nav
      aria-label="연재"
      className="flex flex-col gap-3 rounded-md bg-neutral-50 p-4 dark:bg-neutral-900"
    >
      <p className="font-semibold">
        연재:{' '}
        <Link
          href={seriesPath(place.id)}
          className="text-brand-600 hover:underline dark:text-brand-50"
        >
          {place.name}
        </Link>{' '}
        <span className="tabular-nums">
          ({place.position}/{place.total})
        </span>
      </p>
      {place.previous || place.next ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {place.previous ? item(place.previous, '← 연재 이전 글', 'prev', '') : <span />}
          {place.next ? item(place.next, '연재 다음 글 →', 'next', 'sm:text-right') : null}
        </div>
      ) : null}
    </nav>
  );
}
