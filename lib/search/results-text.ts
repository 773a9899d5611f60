import type { SearchResults } from './index';

/**
 * The line above search hits. While the index is still being built (a first start reads an
 * archive for minutes) the count is of what it holds so far, and says so: a reader told "26건"
 * who finds 40 a minute later, or an empty page two, was told something untrue.
 */
export function resultCountText(results: Pick<SearchResults, 'query' | 'total' | 'more' | 'partial' | 'page' | 'pageCount'>): string {
  const { query, total, more, partial, page, pageCount } = results;
  const count = `${total.toLocaleString('ko-KR')}건${more ? ' 이상' : ''}`;
  const pages = pageCount > 1 ? ` · ${page}/${pageCount}쪽` : '';
  return partial ? `‘${query}’ 검색 결과: 지금까지 색인한 기사에서 ${count}${pages}` : `‘${query}’ 검색 결과 ${count}${pages}`;
}

/**
 * Why a page of matches shows no article although the index counted some: each was withheld
 * because the content does not publish it now (not yet read into the site's list at a first
 * start, or unpublished since the index last followed the content). Undefined when there is
 * nothing to explain.
 */
export function emptyPageText(results: Pick<SearchResults, 'hits' | 'total' | 'withheld'>): string | undefined {
  if (results.hits.length > 0 || results.total === 0 || results.withheld === 0) return undefined;
  return '이 쪽에서 찾은 기사는 아직 사이트에 나오지 않았거나 방금 내려간 기사입니다. 잠시 뒤 다시 찾아 주세요.';
}
