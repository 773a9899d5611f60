import { expect, it } from 'vitest';

import { readSlugParam } from './slug-param';

it('decodes a route param to its NFC slug, says whether the URL spelled it so, and never throws on a bad escape', () => {
  expect(readSlugParam('%EA%B2%BD%EC%A0%9C')).toEqual({ slug: '경제', isCanonical: true });
  // 경제 in NFD: the same slug, spelled another way.
  expect(readSlugParam(encodeURIComponent('경제'.normalize('NFD')))).toEqual({
    slug: '경제',
    isCanonical: false,
  });
  expect(readSlugParam('%E0%A4%A')).toEqual({ slug: '%E0%A4%A', isCanonical: true });
  expect(readSlugParam('%')).toEqual({ slug: '%', isCanonical: true });
});
