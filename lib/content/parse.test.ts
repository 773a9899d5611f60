import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from './parse';

describe('parseFrontMatter', () => {
  it('splits YAML front matter from the body and knows where each key is', () => {
    const result = parseFrontMatter('---\ntitle: 제목\ncategories:\n  - 경제\n---\n본문\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.data).toEqual({ title: '제목', categories: ['경제'] });
    expect(result.value.keyLines.get('categories')).toBe(3);
    expect(result.value.body.trim()).toBe('본문');
    expect(result.value.bodyLine).toBe(6);
  });

  it('accepts a byte-order mark and Windows line endings', () => {
    const result = parseFrontMatter('\uFEFF---\r\ntitle: 제목\r\n---\r\n본문\r\n');
    expect(result.ok && result.value.data).toEqual({ title: '제목' });
  });

  it('keeps dates as text so our own zone rules apply', () => {
    const result = parseFrontMatter('---\ntitle: t\ndate: 2024-06-12 09:30\n---\n');
    expect(result.ok && result.value.data.date).toBe('2024-06-12 09:30');
  });

  it('reports broken YAML with its line and column', () => {
    const result = parseFrontMatter('---\ntitle: 제목\ncategories: [경제\n---\n본문');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toEqual({
      line: 3,
      column: 16,
      message: 'front matter YAML 오류: 들여쓰기가 맞지 않거나 괄호가 닫히지 않았습니다 (BAD_INDENT)',
    });
  });

  it('names a duplicated key in Korean', () => {
    const result = parseFrontMatter('---\ntitle: a\ntitle: b\n---\n');
    expect(result.ok ? undefined : result.problem.message).toBe(
      'front matter YAML 오류: 같은 항목이 두 번 있습니다 (DUPLICATE_KEY)',
    );
  });

  it('refuses JavaScript front matter instead of evaluating it', () => {
    const marker = '__frontMatterRan';
    const result = parseFrontMatter(`---js\n{ title: (globalThis.${marker} = 'yes') }\n---\nbody`);
    expect(result).toEqual({
      ok: false,
      problem: { line: 1, column: 1, message: 'front matter는 YAML만 허용됩니다 ("---js"는 읽지 않습니다)' },
    });
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('refuses other front-matter languages', () => {
    for (const language of ['javascript', 'coffee', 'json', 'toml']) {
      const result = parseFrontMatter(`---${language}\n{}\n---\n`);
      expect(result.ok).toBe(false);
    }
  });

  it('refuses YAML tags that would build anything but plain data', () => {
    const result = parseFrontMatter('---\ntitle: !!js/function "function () { return 1 }"\n---\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.line).toBe(2);
  });

  it('refuses front matter that is not a mapping', () => {
    const result = parseFrontMatter('---\n- a\n- b\n---\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toBe('front matter는 "이름: 값" 형식의 항목이어야 합니다');
  });

  it('refuses front matter that is never closed (a save cut short)', () => {
    expect(parseFrontMatter('---\ntitle: 반쯤')).toEqual({
      ok: false,
      problem: { line: 1, column: 1, message: 'front matter가 ---로 닫히지 않았습니다' },
    });
  });

  it('refuses a file without front matter', () => {
    expect(parseFrontMatter('# 그냥 글\n')).toEqual({
      ok: false,
      problem: { line: 1, column: 1, message: '파일이 front matter(---로 시작하는 머리말)로 시작하지 않습니다' },
    });
  });

  it('does not let aliases blow up memory', () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i += 1) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    bomb.push('title: t', '---', '');
    expect(parseFrontMatter(bomb.join('\n')).ok).toBe(false);
  });
});
