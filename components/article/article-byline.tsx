import Link from 'next/link';

import type { Byline } from '@/lib/content';
import { reporterPath } from '@/lib/paths';

export interface ArticleBylineProps {
  bylines: readonly Byline[];
}

/** The byline as Korean news sites write it: `홍길동 기자 gildong@…`, the name linked to the profile. */
export function ArticleByline({ bylines }: ArticleBylineProps) {
  if (bylines.length === 0) return null;
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
    </span>
  );
}
