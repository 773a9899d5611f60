import Link from 'next/link';

import { AdjacentArticleLinks } from '@/components/article/adjacent-article-link';
import type { SeriesPlace } from '@/lib/content';
import { seriesPath } from '@/lib/paths';

export interface SeriesNavProps {
  place: SeriesPlace;
}

/** "연재: <name> (3/7)" under an article, with the previous and next articles of the series. */
export function SeriesNav({ place }: SeriesNavProps) {
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
          <AdjacentArticleLinks
            previous={place.previous}
            next={place.next}
            labels={{ previous: '← 연재 이전 글', next: '연재 다음 글 →' }}
            rel
            padding="p-3"
          />
        </div>
      ) : null}
    </nav>
  );
}
