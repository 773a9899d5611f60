import { describe, expect, it } from 'vitest';

import { emptyPageText, resultCountText } from './results-text';

const results = { query: '반도체', total: 26, more: false, partial: false, page: 1, pageCount: 2 };

describe('the line above search hits', () => {
  it('gives the count and the page once the index is whole', () => {
    expect(resultCountText(results)).toBe('‘반도체’ 검색 결과 26건 · 1/2쪽');
    expect(resultCountText({ ...results, total: 10_000, more: true, pageCount: 1 })).toBe('‘반도체’ 검색 결과 10,000건 이상');
  });

  it('says the count is of what is indexed so far while the index is being built', () => {
    expect(resultCountText({ ...results, partial: true })).toBe('‘반도체’ 검색 결과: 지금까지 색인한 기사에서 26건 · 1/2쪽');
  });
});

describe('a page of matches with no article to show', () => {
  it('is explained when the content withheld every match of the page', () => {
    expect(emptyPageText({ hits: [], total: 26, withheld: 6 })).toMatch(/아직 사이트에 나오지 않았거나/);
  });

  it('needs no word when there are articles, no matches, or nothing was withheld', () => {
    const hit = { article: {}, snippet: [] } as never;
    expect(emptyPageText({ hits: [hit], total: 26, withheld: 3 })).toBeUndefined();
    expect(emptyPageText({ hits: [], total: 0, withheld: 0 })).toBeUndefined();
    expect(emptyPageText({ hits: [], total: 26, withheld: 0 })).toBeUndefined();
  });
});
