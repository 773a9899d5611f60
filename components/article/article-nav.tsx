import type { Article } from '@/lib/content';

import { AdjacentArticleLink } from './adjacent-article-link';

export interface ArticleNavProps {
  newer?: Article;
  older?: Article;
}

/** Links to the previous (older) and next (newer) articles. */
export function ArticleNav({ newer, older }: ArticleNavProps) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="이전 기사와 다음 기사" className="grid gap-3 sm:grid-cols-2">
      {older ? (
        <AdjacentArticleLink article={older} label="← 이전 기사" dated className="p-4" />
      ) : (
        <span />
      )}
      {newer ? (
        <AdjacentArticleLink
          article={newer}
          label="다음 기사 →"
          dated
          className="p-4 sm:text-right"
        />
      ) : null}
    </nav>
  );
}
