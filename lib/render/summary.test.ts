import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';

import { getLede, getSummary } from './index';

const SITE = 'http://localhost:3000';

let files = 0;

/** Each call is its own file: the render cache is keyed by path, size and mtime. */
function article(frontMatter: string, body = '본문 첫 문장.') {
  files += 1;
  const parsed = parseFrontMatter(
    `---\ntitle: 제목\ndate: 2024-01-01\n${frontMatter}\n---\n${body}\n`,
  );
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const result = toArticle(parsed.value, { path: `a${files}.md`, size: 1, mtimeMs: 1 });
  if (!result.ok) throw new Error(result.problems[0]?.message);
  return result.article;
}

describe('getSummary', () => {
  it('uses the excerpt as written', async () => {
    expect(await getSummary(article('excerpt: 요약 글'), SITE)).toBe('요약 글');
  });

  it('uses the lede as text, not as Markdown source', async () => {
    const summary = await getSummary(
      article('feature_text: "**거대언어모델(LLM)**를 만든 [네이버](https://example.com)"'),
      SITE,
    );
    expect(summary).toBe('거대언어모델(LLM)를 만든 네이버');
  });

  it('falls back to the start of the body, cut with an ellipsis', async () => {
    expect(await getSummary(article('', `가나다 ${'라'.repeat(200)}`), SITE, 10)).toBe(
      '가나다 라라라라라…',
    );
  });
});

describe('getLede', () => {
  it('renders and sanitizes feature_text, and is absent without one', async () => {
    expect(
      (await getLede(article('feature_text: "**굵게** <script>alert(1)</script>"'), SITE))?.html,
    ).toBe('<p><strong>굵게</strong> </p>');
    expect(getLede(article(''), SITE)).toBeUndefined();
  });
});
