import Link from 'next/link';

import { ArticleCard } from '@/components/article/article-card';
import type { ListingPage } from '@/lib/content';
import { PHOTO_SIZES } from '@/lib/media/picture';
import { pageWindow } from '@/lib/pagination';
import { listingPath } from '@/lib/paths';

export interface TermListingProps {
  listing: ListingPage;
  /** Shown under the heading: a reporter's profile, say. */
  intro?: React.ReactNode;
}

/** A category's or tag's articles, newest first, with links to the other pages. */
export function TermListing({ listing, intro }: TermListingProps) {
  const { taxonomy, term, articles, page, pageCount, total } = listing;
  const pathOf = (n: number) => listingPath(taxonomy, term.slug, n);
  return (
    <>
      <header className="mb-6 border-b border-neutral-200 pb-4 dark:border-neutral-800">
        <h1 className="text-3xl font-black tracking-tight">
          {taxonomy === 'tag' ? `#${term.name}` : term.name}
        </h1>
        {intro}
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          기사 {total}건{pageCount > 1 ? ` · ${page}/${pageCount}쪽` : ''}
        </p>
      </header>
      {articles.length === 0 ? (
        <p className="py-5 text-neutral-600 dark:text-neutral-400">아직 실린 기사가 없습니다.</p>
      ) : null}
      <ol className="flex flex-col divide-y divide-neutral-200 dark:divide-neutral-800">
        {articles.map((article) => (
          <li key={article.slug} className="py-5 first:pt-0">
            <ArticleCard
              article={article}
              headingLevel="h2"
              showCategory={taxonomy === 'tag'}
              variant="card"
              sizes={PHOTO_SIZES.wide}
            />
          </li>
        ))}
      </ol>
      {pageCount > 1 ? (
        <nav
          aria-label="쪽 이동"
          className="mt-8 flex items-center justify-between gap-4 text-[0.95rem] font-semibold"
        >
          {page > 1 ? (
            <Link href={pathOf(page - 1)} rel="prev" className="hover:underline">
              ← 이전 쪽
            </Link>
          ) : (
            <span />
          )}
          <ol className="flex flex-wrap gap-2">
            {pageWindow(page, pageCount).map((n, i) =>
              n === undefined ? (
                <li key={`gap-${i}`} aria-hidden="true" className="px-1 py-1">
                  …
                </li>
              ) : (
                <li key={n}>
                  <Link
                    href={pathOf(n)}
                    aria-current={n === page ? 'page' : undefined}
                    aria-label={`${n}쪽`}
                    className="page-link"
                  >
                    {n}
                  </Link>
                </li>
              ),
            )}
          </ol>
          {page < pageCount ? (
            <Link href={pathOf(page + 1)} rel="next" className="hover:underline">
              다음 쪽 →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
