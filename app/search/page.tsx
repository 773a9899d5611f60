import type { Metadata } from 'next';

import { SearchForm } from '@/components/search/search-form';
import { SearchResults } from '@/components/search/search-results';
import { getView } from '@/lib/content';
import { search } from '@/lib/search';

function readQuery(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export async function generateMetadata({ searchParams }: PageProps<'/search'>): Promise<Metadata> {
  const query = readQuery((await searchParams).q)
    .trim()
    .slice(0, 100);
  return {
    title: query ? `‘${query}’ 검색 결과` : '검색',
    // Result pages are for readers, not for search engines' indexes.
    robots: { index: false, follow: true, 'max-image-preview': 'large' },
  };
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const params = await searchParams;
  const query = readQuery(params.q);
  const page = Number(readQuery(params.page)) || 1;
  const results = await search(getView(), query, page);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-3xl font-black tracking-tight">검색</h1>
      <SearchForm id="search-page-query" defaultValue={results.query} className="mb-6" />
      {results.query ? (
        <SearchResults results={results} />
      ) : (
        <p className="py-10 text-neutral-700 dark:text-neutral-300">
          찾을 낱말을 입력하세요. 제목, 요약, 본문, 분류, 태그에서 찾습니다.
        </p>
      )}
    </div>
  );
}
