import Link from 'next/link';

import type { Article } from '@/lib/content';
import { articlePath } from '@/lib/paths';

import { ArticleTime } from './article-time';
import { KindLabel } from './kind-label';

export interface AdjacentArticleLinkProps {
  article: Article;
  /** Which way it goes (← 이전 기사, 연재 다음 글 → …). */
  label: string;
  rel?: 'prev' | 'next';
  /** Its date under the headline. */
  dated?: boolean;
  /** Padding and alignment. */
  className?: string;
}

/** A link to a neighbouring article, in the archive or in a series: which way, its kind's label and headline. */
export function AdjacentArticleLink({
  article,
  label,
  rel,
  dated = false,
  className = '',
}: AdjacentArticleLinkProps) {
  return (
    <Link
      href={articlePath(article.slug)}
      rel={rel}
      className={`flex flex-col gap-1 rounded-md border border-neutral-200 hover:border-brand-600 dark:border-neutral-800 ${className}`}
    >
      <span className="meta">{label}</span>
      <span lang={article.lang} dir={article.dir} className="font-bold">
        <KindLabel kind={article.kind} />
        {article.title}
      </span>
      {dated && article.dated ? (
        <ArticleTime date={article.published} format="date" className="meta" />
      ) : null}
    </Link>
  );
}
