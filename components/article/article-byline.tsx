import Link from 'next/link';

import type { Byline } from '@/lib/content';
import { reporterPath } from '@/lib/paths';

export interface ArticleBylineProps {
  bylines: readonly Byline[];
  /** The agency the article was carried from: `연합뉴스 제공` after the names. */
  agency?: string;
}

/**
 * The byline as Korean news sites write it: `홍길동 기자 gildong@…`, the name linked to the
 * profile, and `연합뉴스 제공` for agency copy.
 */
export function ArticleByline({ bylines, agency }: ArticleBylineProps) {
  if (bylines.length === 0 && !agency) return null;
  return (
    <span className="font-semibold text-neutral-800 dark:text-neutral-200">
      {bylines.map((byline, index) => (
        <span key={`${byline.reporterId ?? byline.name}-${index}`}>
          {index > 0 ? ', ' : null}
          {byline.reporterId ? (
            <Link href={reporterPath(byline.reporterId)} rel="author" className="hover:underline">
              {byline.name} {byline.role}
            </Link>
          ) : (
            byline.name
          )}
          {byline.email ? (
            <>
              {' '}
              <a href={`mailto:${byline.email}`} className="font-normal hover:underline">
                {byline.email}
              </a>
            </>
          ) : null}
        </span>
      ))}
      {agency ? (
        <span>
          {bylines.length > 0 ? ' · ' : null}
          {agency} 제공
        </span>
      ) : null}
    </span>
  );
}
