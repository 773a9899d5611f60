import fs from 'node:fs';
import path from 'node:path';

import { toString as hastToString } from 'hast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getSearchTexts, toSearchText } from './text';

const getSearchText = async (article: Parameters<typeof getSearchTexts>[0][number]) => (await getSearchTexts([article]))[0]?.text ?? '';

function article(path: string, body: string) {
  const parsed = parseFrontMatter(`---\ntitle: 제목\ndate: 2024-01-01\n---\n${body}\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const result = toArticle(parsed.value, { path, size: 1, mtimeMs: 1 });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.article;
}

describe('getSearchTexts, without read threads', () => {
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

describe('toSearchText (HTML)', () => {
  const viaHast = (body: string) => hastToString(unified().use(rehypeParse, { fragment: true }).parse(body)).replace(/\s+/g, ' ').trim();

  it('gives the text hast-util-to-string gives, on pasted editor HTML and odd markup', () => {
    const content = path.join(import.meta.dirname, '../../content');
    const samples = (fs.readdirSync(content, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((name) => name.endsWith('.html'))
      .map((name) => fs.readFileSync(path.join(content, name), 'utf8').split(/^---$/m).slice(2).join('---'));
    expect(samples.length).toBeGreaterThan(2);
    const bodies = [
      ...samples,
      '<p data-ke-size="size16"><span style="color: #ee2323;">빨간</span> 글씨 &amp; &lt;표&gt; &nbsp;끝</p>',
      '<table><tr><td>셀1</td><td>셀2</td></tr></table><p>다음</p>',
      '<!-- 주석은 빼고 --><p>본문</p><template><p>템플릿은 빼고</p></template>',
      '<script>var a = "스크립트";</script><style>p { color: red }</style><p>문단',
      '<p>닫히지 않은 <b>굵은 <i>기울인</p> 뒤</b> 글',
      '<svg><title>그림 제목</title><text>그림 글</text></svg><math><mi>x</mi></math>',
      '<textarea>입력 <b>칸</b></textarea><noscript>노스크립트</noscript><plaintext>평문 <p>끝',
      '&#x1F600; &#0; &bogus; &amp',
      // rehype parses with scripting off: a <noscript>'s markup is elements, whose text is words.
      '<p>앞</p><noscript><p>스크립트 없이 <b>보는</b> 글</p><img src="x" alt="대체"></noscript>',
    ];
    for (const body of bodies) expect(toSearchText(body, 'html'), body).toBe(viaHast(body));
  });

  it('reads tags nested absurdly deep without running out of stack', () => {
    const body = `${'<span>'.repeat(200_000)}깊은 글`;
    expect(toSearchText(body, 'html')).toBe('깊은 글');
  });
});
