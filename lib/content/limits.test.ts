import { describe, expect, it } from 'vitest';

import { renderBody } from '@/lib/render/pipeline';

import { BODY_LIMITS, getBodyComplexityProblem } from './limits';

describe('getBodyComplexityProblem', () => {
  it('accepts ordinary articles, tables and nested lists', () => {
    const body = [
      '## 제목',
      '**굵게**와 _기울임_, [링크](https://example.com).',
      '| 가 | 나 |\n| -- | -- |\n| 1 | 2 |',
      '- 하나\n  - 둘\n    - 셋',
      '> 인용\n> > 인용 속 인용',
    ].join('\n\n');
    expect(getBodyComplexityProblem(body, 'markdown')).toBeUndefined();
  });

  it('refuses thousands of emphasis delimiters in one paragraph', () => {
    expect(getBodyComplexityProblem('_*'.repeat(50_000), 'markdown')).toBe(
      `한 문단에 강조 기호(* _)가 너무 많습니다 (${BODY_LIMITS.delimitersPerParagraph}개 한도)`,
    );
  });

  it('counts delimiters per paragraph, and in total', () => {
    const paragraph = '*a'.repeat(BODY_LIMITS.delimitersPerParagraph / 2);
    expect(getBodyComplexityProblem(`${paragraph}\n\n${paragraph}`, 'markdown')).toBeUndefined();
    const many = Array.from({ length: 12 }, () => '*'.repeat(BODY_LIMITS.delimitersPerParagraph)).join('\n\n');
    expect(getBodyComplexityProblem(many, 'markdown')).toBe(`강조 기호(* _)가 너무 많습니다 (${BODY_LIMITS.delimiters}개 한도)`);
  });

  it('refuses absurdly deep block quotes and indentation', () => {
    expect(getBodyComplexityProblem('> '.repeat(100_000) + 'x', 'markdown')).toBe('인용(>)이 너무 깊게 겹쳐 있습니다 (50단계 한도)');
    expect(getBodyComplexityProblem(`${' '.repeat(500)}- a`, 'markdown')).toBe('본문 줄의 들여쓰기가 너무 깊습니다 (200칸 한도)');
  });

  it('refuses runaway brackets and table pipes', () => {
    expect(getBodyComplexityProblem('['.repeat(100_000), 'markdown')).toMatch(/^대괄호/);
    expect(getBodyComplexityProblem('|'.repeat(100_000), 'markdown')).toMatch(/^표 칸 구분/);
  });

  it('fails fast, with an error, on absurdly deep HTML', async () => {
    await expect(renderBody('<div>'.repeat(100_000), 'html')).rejects.toThrow(RangeError);
  });
});
