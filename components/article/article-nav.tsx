import Link from 'next/link';

import type { Article } from '@/lib/content';
import { articlePath } from '@/lib/paths';

import { ArticleTime } from './article-time';
import { KindLabel } from './kind-label';

export interface ArticleNavProps {
  newer?: Article;
  older?: Article;
}

/** Links to the previous (older) and next (newer) articles. */
export function ArticleNav({ newer, older }: ArticleNavProps) {
  if (!newer && !older) return null;
  const item = (article: Article, label: string, align: string) => (
    <Link
      href={articlePath(article.slug)}
      className={`flex flex-col gap-1 rounded-md border border-neutral-200 p-4 hover:border-brand-600 dark:border-neutral-800 ${align}`}
    >
      <span className="meta">{label}</span>
      <span lang={article.lang} dir={article.dir} className="font-bold">
        <KindLabel kind={article.kind} />
        {article.title}
      </span>
      {article.dated ? (
        <ArticleTime date={article.published} format="date" className="meta" />
      ) : null}
    </Link>
  );
  return (
    <nav aria-label="이전 기사와 다음 기사" className="grid gap-3 sm:grid-cols-2">
      {older ? item(older, '← 이전 기사', '') : <span />}
      {newer ? item(newer, '다음 기사 →', 'sm:text-right') : null}
    </nav>
  );
}
