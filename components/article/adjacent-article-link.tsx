import Link from 'next/link';

import type { Article } from '@/lib/content';
import { articlePath } from '@/lib/paths';

import { ArticleTime } from './article-time';
import { KindLabel } from './kind-label';

interface AdjacentArticleLinkProps {
  article: Article;
  /** Which way it goes (← 이전 기사, 연재 다음 글 → …). */
  label: string;
  rel?: 'prev' | 'next';
  /** Its date under the headline. */
  dated: boolean;
  /** Padding and alignment. */
  className: string;
}

/** A link to a neighbouring article, in the archive or in a series: which way, its kind's label and headline. */
function AdjacentArticleLink({ article, label, rel, dated, className }: AdjacentArticleLinkProps) {
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

export interface AdjacentArticleLinksProps {
  previous?: Article;
  next?: Article;
  /** What each link says (← 이전 기사 / 다음 기사 →). */
  labels: { previous: string; next: string };
  /** Mark the links `rel="prev"` and `rel="next"` (a series' reading order). */
  rel?: boolean;
  /** Each article's date under its headline. */
  dated?: boolean;
  /** The links' padding. */
  padding: string;
}

/**
 * The previous and next articles, as two cells of their caller's grid: the previous one (or an
 * empty cell, so the next stays on the right) and the next one, aligned right on wide screens.
 */
export function AdjacentArticleLinks({
  previous,
  next,
  labels,
  rel = false,
  dated = false,
  padding,
}: AdjacentArticleLinksProps) {
  return (
    <>
      {previous ? (
        <AdjacentArticleLink
          article={previous}
          label={labels.previous}
          rel={rel ? 'prev' : undefined}
          dated={dated}
          className={padding}
        />
      ) : (
        <span />
      )}
      {next ? (
        <AdjacentArticleLink
          article={next}
          label={labels.next}
          rel={rel ? 'next' : undefined}
          dated={dated}
          className={`${padding} sm:text-right`}
        />
      ) : null}
    </>
  );
}
