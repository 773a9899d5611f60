import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getSearchText } from './text';

function article(path: string, body: string) {
  const parsed = parseFrontMatter(`---\ntitle: 제목\ndate: 2024-01-01\n---\n${body}\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const result = toArticle(parsed.value, { path, size: 1, mtimeMs: 1 });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.article;
}

describe('getSearchText', () => {
  it('reads a big body in the render worker while the event loop keeps ticking', async () => {
    // The heaviest HTML the limits accept: parse5 takes up to a second over it.
    const body = `${Array.from({ length: 20 }, (_, i) => `<b class="c${i}">`).join('')}${'<p>무거운 문단'.repeat(19_980)}`;
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 10);
    try {
      const text = await getSearchText(article('heavy.html', body));
      expect(text.length).toBeGreaterThan(100_000);
      expect(text.startsWith('무거운 문단무거운 문단')).toBe(true);
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThan(3);
  }, 60_000);

  it('reads a short but dense body in the render worker too (8 KB of `_*` took 0.9 s inline)', async () => {
    const body = Array.from({ length: 8 }, () => '_*'.repeat(500)).join('\n\n');
    expect(body.length).toBeLessThan(16 * 1024);
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 10);
    try {
      expect((await getSearchText(article('dense.md', body))).length).toBeGreaterThan(1000);
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThan(3);
  }, 60_000);

  it('reads a small body at once', async () => {
    expect(await getSearchText(article('small.md', '**굵은** 낱말'))).toBe('굵은 낱말');
  });
});
