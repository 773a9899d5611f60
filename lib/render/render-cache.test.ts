import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getArticleBody } from './index';

function article(path: string) {
  const parsed = parseFrontMatter('---\ntitle: 제목\ndate: 2024-01-01\n---\n본문\n');
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const result = toArticle(parsed.value, { path, size: 1, mtimeMs: 1 });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.article;
}

afterEach(() => vi.restoreAllMocks());

describe('getArticleBody off the main thread', () => {
  it('a body the worker refuses becomes the placeholder, named in the log with its reason, while requests keep being served', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Past the content limits (formatting left open in every paragraph): tens of seconds of parse5
    // on the main thread before the limits; now refused by the worker's full check.
    const endless = Array.from({ length: 4000 }, (_, i) => `<p><b class="c${i}">x`).join('');
    const hostile = { ...article('hostile.html'), format: 'html' as const, body: endless };
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 5);
    let body;
    try {
      body = await getArticleBody(hostile, 'http://localhost:3000');
    } finally {
      clearInterval(interval);
    }
    expect(body.html).toBe('<p>이 기사의 본문을 표시할 수 없습니다.</p>');
    expect(errors).toHaveBeenCalledWith(
      '[content] hostile.html: error: 본문을 렌더링할 수 없습니다',
      expect.stringMatching(/닫지 않은 서식 태그/),
    );
    // The work was done off the main thread: the event loop kept ticking while it was.
    expect(ticks).toBeGreaterThan(0);
    // The next article renders as usual.
    expect((await getArticleBody(article('next.md'), 'http://localhost:3000')).html).toBe(
      '<p>본문</p>',
    );
  }, 60_000);
});
