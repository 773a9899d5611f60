import type { Article } from '@/lib/content';

import { AdjacentArticleLinks } from './adjacent-article-link';

export interface ArticleNavProps {
  newer?: Article;
  older?: Article;
}

/** Links to the previous (older) and next (newer) articles. */
export function ArticleNav({ newer, older }: ArticleNavProps) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="이전 기사와 다음 기사" className="grid gap-3 sm:grid-cols-2">
      <AdjacentArticleLinks
        previous={older}
        next={newer}
        labels={{ previous: '← 이전 기사', next: '다음 기사 →' }}
        dated
        padding="p-4"
      />
    </nav>
  );
}
