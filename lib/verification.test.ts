import { describe, expect, it } from 'vitest';

import { toVerificationMetaName, toVerificationMetaTags } from './verification';

describe('the meta name each search engine documents', () => {
  it.each([
    ['naver', 'naver-site-verification'],
    ['google', 'google-site-verification'],
    ['bing', 'msvalidate.01'],
    ['yandex', 'yandex-verification'],
    ['foo', 'foo-site-verification'],
    ['msvalidate.01', 'msvalidate.01'],
    ['daum-site-verification', 'daum-site-verification'],
    ['constructor', 'constructor-site-verification'],
  ])('%s → %s', (name, meta) => {
    expect(toVerificationMetaName(name)).toBe(meta);
  });

  it('merges tokens that land on one meta name, without repeating one', () => {
    expect(toVerificationMetaTags({ bing: ['A', 'B'], 'msvalidate.01': ['B', 'C'], naver: [] })).toEqual({
      'msvalidate.01': ['A', 'B', 'C'],
    });
  });
});
