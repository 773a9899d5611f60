import fs from 'node:fs';
import path from 'node:path';

import { toString as hastToString } from 'hast-util-to-string';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getSearchTexts, toSearchText } from './text';
import { toWords } from './tokenize';

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
      expect(text.startsWith('무거운 문단 무거운 문단')).toBe(true);
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

/** The sample content's bodies in one format. */
function sampleBodies(extension: string): string[] {
  const content = path.join(import.meta.dirname, '../../content');
  return (fs.readdirSync(content, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith(extension) && !path.basename(name).startsWith('_'))
    .map((name) => fs.readFileSync(path.join(content, name), 'utf8').split(/^---$/m).slice(2).join('---'));
}

/** Text without its white space: what is said, wherever lines and spaces fall. */
const letters = (text: string) => text.replace(/\s+/g, '');

describe('toSearchText (HTML)', () => {
  const viaHast = (body: string) => hastToString(unified().use(rehypeParse, { fragment: true }).parse(body));

  it('gives the text hast-util-to-string gives, on pasted editor HTML and odd markup', () => {
    const samples = sampleBodies('.html');
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
    for (const body of bodies) expect(letters(toSearchText(body, 'html')), body).toBe(letters(viaHast(body)));
  });

  it('keeps blocks apart: the last word of a heading and the first of the paragraph under it are two words', () => {
    expect(toSearchText('<h2>공급망의 배경</h2><p><b>학교폭력</b>를 두고</p>', 'html')).toBe('공급망의 배경 학교폭력를 두고');
    expect(toSearchText('<ul><li>하나</li><li>둘</li></ul><table><tr><td>항목</td><td>내용</td></tr></table>끝', 'html')).toBe(
      '하나 둘 항목 내용 끝',
    );
    expect(toSearchText('<p>줄<br>바꿈과 <span>이어진</span><b>글</b></p>', 'html')).toBe('줄 바꿈과 이어진글');
  });

  it('reads tags nested absurdly deep without running out of stack', () => {
    const body = `${'<span>'.repeat(200_000)}깊은 글`;
    expect(toSearchText(body, 'html')).toBe('깊은 글');
  });
});

describe('toSearchText (Markdown)', () => {
  const viaRemark = (body: string) =>
    mdastToString(unified().use(remarkParse).use(remarkGfm).parse(body), { includeHtml: false });

  it('says what remark (with GFM) reads, on the sample content and odd markup', () => {
    const samples = sampleBodies('.md');
    expect(samples.length).toBeGreaterThan(10);
    const bodies = [
      ...samples,
      '# 제목\n\n**굵은** _기울인_ ~~지운~~ `코드` [링크 글](https://example.com/경로) <https://example.com/자동>',
      '![사진 설명](/images/a.jpg "사진 제목") 뒤 글\n\n<div class="x">HTML 블록은 <b>빼고</b></div>\n\n인라인 <span>HTML</span> 태그',
      '```js\nconst 변수 = 1;\n```\n\n    들여쓴 코드\n\n> 인용 > 안의 **글**\n\n1. 하나\n2. 둘\n\n---\n\n끝',
      '&amp; &lt;표&gt; &#xAC00; \\*별표\\* [참조][1]\n\n[1]: https://example.com',
    ];
    for (const body of bodies) {
      // Words, compared joined: remark runs blocks together ("제목굵은"), which the test below is about.
      expect(toWords(toSearchText(body, 'markdown')).join(''), body).toBe(toWords(viaRemark(body)).join(''));
    }
  });

  it('keeps blocks apart: headings, paragraphs, list items, table cells and line breaks', () => {
    expect(toSearchText('## 공급망의 배경\n\n**학교폭력**를 두고', 'markdown')).toBe('공급망의 배경 학교폭력를 두고');
    expect(toSearchText('- 하나\n- 둘\n\n| 항목 | 내용 |\n| :-- | :-: |\n| 가 | 나 |\n\n끝', 'markdown')).toBe('하나 둘 항목 내용 가 나 끝');
    expect(toSearchText('첫 줄\n둘째 줄  \n셋째', 'markdown')).toBe('첫 줄 둘째 줄 셋째');
  });

  it('leaves raw HTML out and keeps code and image descriptions', () => {
    expect(toSearchText('<script>alert("스크립트")</script>\n\n본문 <b>굵게</b> `코드` ![설명](a.jpg)', 'markdown')).toBe(
      '본문 굵게 코드 설명',
    );
  });

  it('reads images described by images nested deep without running out of stack', () => {
    const body = `${'!['.repeat(5000)}글${'](a.jpg)'.repeat(5000)}`;
    expect(toSearchText(body, 'markdown')).toContain('글');
  });
});
