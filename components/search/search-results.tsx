import Link from 'next/link';

import { ArticleTime } from '@/components/article/article-time';
import { KindLabel } from '@/components/article/kind-label';
import { articlePath, categoryPath, searchPath } from '@/lib/paths';
import type { SearchResults as Results } from '@/lib/search';
import { emptyPageText, resultCountText } from '@/lib/search/results-text';

export interface SearchResultsProps {
  results: Results;
}

/** Search hits with their snippets; matches are marked, and every piece of text is escaped by React. */
export function SearchResults({ results }: SearchResultsProps) {
  const { query, hits, total, partial, page, pageCount } = results;
  const emptyPage = emptyPageText(results);
  const catchingUp = partial ? (
    <p role="status" className="mb-4 text-sm text-neutral-700 dark:text-neutral-300">
      검색 색인을 만드는 중이라 아직 찾지 못하는 기사가 있을 수 있습니다. 잠시 뒤 다시 찾아 주세요.
    </p>
  ) : null;
  if (total === 0) {
    return (
      <>
        {catchingUp}
        <p className="py-10 text-neutral-700 dark:text-neutral-300">
          ‘{query}’에 맞는 기사가 없습니다. 다른 낱말로 찾아보세요.
        </p>
      </>
    );
  }
  return (
    <>
      {catchingUp}
      <p className="mb-4 text-sm text-neutral-600 dark:text-neutral-400">{resultCountText(results)}</p>
      {emptyPage ? <p className="py-10 text-neutral-700 dark:text-neutral-300">{emptyPage}</p> : null}
      <ol className="flex flex-col divide-y divide-neutral-200 dark:divide-neutral-800">
        {hits.map(({ article, snippet }) => {
          const category = article.categories[0];
          return (
            <li
              key={article.slug}
              lang={article.lang}
              dir={article.dir}
              className="flex flex-col gap-1.5 py-5"
            >
              <h2 className="text-lg font-bold">
                <KindLabel kind={article.kind} />
                <Link href={articlePath(article.slug)} className="hover:underline">
                  {article.title}
                </Link>
              </h2>
              <p className="leading-relaxed text-neutral-700 dark:text-neutral-300">
                {snippet.map((part, i) =>
                  part.match ? (
                    <mark
                      key={i}
                      className="rounded-sm bg-amber-200 px-0.5 text-ink dark:bg-amber-300"
                    >
                      {part.text}
                    </mark>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </p>
              <p className="flex gap-3 text-sm text-neutral-600 dark:text-neutral-400">
                {category ? (
                  <Link
                    href={categoryPath(category.slug)}
                    className="font-semibold hover:underline"
                  >
                    {category.name}
                  </Link>
                ) : null}
                {article.dated ? <ArticleTime date={article.published} /> : null}
              </p>
            </li>
          );
        })}
      </ol>
      {pageCount > 1 ? (
        <nav
          aria-label="검색 결과 쪽 이동"
          className="mt-6 flex justify-between text-[0.95rem] font-semibold"
        >
          {page > 1 ? (
            <Link href={searchPath(query, page - 1)} rel="prev" className="hover:underline">
              ← 이전 쪽
            </Link>
          ) : (
            <span />
          )}
          {page < pageCount ? (
            <Link href={searchPath(query, page + 1)} rel="next" className="hover:underline">
              다음 쪽 →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
