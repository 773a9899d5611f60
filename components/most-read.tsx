import Link from 'next/link';

import { KindLabel } from '@/components/article/kind-label';
import { getView } from '@/lib/content';
import { articlePath } from '@/lib/paths';
import { getMostRead } from '@/lib/views/most-read';

export interface MostReadProps {
  /** Leave out the article the reader is on. */
  exclude?: string;
  className?: string;
}

/** 많이 본 뉴스: the ten most-read articles of the last 24 hours, ranked (lib/views/most-read.ts). */
export function MostRead({ exclude, className = '' }: MostReadProps) {
  const articles = getMostRead(getView(), exclude ? 11 : 10)
    .filter((article) => article.slug !== exclude)
    .slice(0, 10);
  if (articles.length === 0) return null;
  return (
    <aside aria-labelledby="most-read-heading" className={className}>
      <h2 id="most-read-heading" className="mb-4 text-xl font-extrabold">
        많이 본 뉴스
      </h2>
      <ol className="most-read flex flex-col divide-y divide-neutral-200 dark:divide-neutral-800">
        {articles.map((article, index) => (
          <li key={article.slug} className="flex gap-3 py-2.5">
            <span aria-hidden="true" className="rank">
              {index + 1}
            </span>
            <p className="leading-snug font-semibold">
              <KindLabel kind={article.kind} />
              <Link href={articlePath(article.slug)} className="hover:underline">
                {article.title}
              </Link>
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
