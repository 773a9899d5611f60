import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ArticleView } from '@/components/article/article-view';
import { getArticleForPreview, getView, isPublished } from '@/lib/content';
import { formatKstDateTime } from '@/lib/format';
import { readSlugParam } from '@/lib/paths';
import { isPreviewTokenValid } from '@/lib/preview';

// Rendered per request with `private, no-store`: a preview must never land in a shared cache.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: '미리보기',
  robots: { index: false, follow: false, nocache: true, 'max-image-preview': 'large' },
  // The token is in the URL: do not hand it to the sites the article links to.
  referrer: 'no-referrer',
};

export default async function PreviewPage({ params, searchParams }: PageProps<'/preview/[slug]'>) {
  const [{ slug }, { token }] = await Promise.all([params, searchParams]);
  if (!isPreviewTokenValid(token)) notFound();
  const article = getArticleForPreview(getView(), readSlugParam(slug).slug);
  if (!article) notFound();

  const status = article.draft
    ? '초안입니다: draft: true인 동안 게시되지 않습니다.'
    : isPublished(article, new Date())
      ? '이미 게시된 기사입니다.'
      : `예약 기사입니다: ${formatKstDateTime(article.published)}에 게시됩니다.`;

  return (
    <div className="mx-auto max-w-3xl">
      <p
        role="status"
        className="mb-6 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-100"
      >
        미리보기 · {status}
      </p>
      <ArticleView article={article} />
    </div>
  );
}
