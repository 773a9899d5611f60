import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getViewAt } from '@/lib/content';
import { search, toQueryTerms, toSnippet } from './index';
import { tokenizeQuery } from './tokenize';

let dir: string;
const now = new Date('2026-11-27T00:00:00Z');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-test-'));
  process.env.CONTENT_DIR = dir;
  const write = (name: string, front: string, body: string) =>
    fs.writeFileSync(path.join(dir, name), `---\n${front}\n---\n\n${body}\n`);
  write(
    'naver.md',
    'title: 네이버의 소버린 AI 전략\ndate: 2026-11-20\ncategories: 경제',
    '네이버는 거대언어모델(LLM)을 만든다.',
  );
  write(
    'body-only.md',
    'title: 엔비디아 실적 발표\ndate: 2026-11-25\ncategories: 국제',
    '엔비디아는 네이버와 협력한다. 소버린 클라우드도 언급했다.',
  );
  write(
    'older-title.md',
    'title: 네이버 창업자 이야기\ndate: 2026-01-01\ntags: [인물]',
    '오래된 기사.',
  );
  write(
    'english.html',
    'title: Seoul Subway Goes Driverless\ndate: 2026-11-24\nlang: en',
    '<p>The LLM era reaches transport.</p>',
  );
  write('compound.md', 'title: 거대언어모델 경쟁 본격화\ndate: 2026-11-10', '본문');
  write('draft.md', 'title: 네이버 초안\ndate: 2026-11-26\ndraft: true', '네이버');
  write('future.md', 'title: 네이버 예약\ndate: 2027-01-01', '네이버');
  // A scheduled file that takes a published article's slug (an editor's next version): the
  // published article keeps the slug, and search must find it by its own title.
  write('chips.md', 'title: 메모리 수출 역대 최대\nslug: chips\ndate: 2026-11-21', '수출 실적.');
  write('chips-next.md', 'title: 다음 판\nslug: chips\ndate: 2027-02-01', '다음 판 본문.');
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a scheduled file sharing a published slug', () => {
  it('never hides the published article from search', async () => {
    expect(await titles('메모리')).toEqual(['메모리 수출 역대 최대']);
    expect(await titles('다음')).toEqual([]);
  });
});

const titles = async (q: string) =>
  (await search(getViewAt(now), q, 1)).hits.map((h) => h.article.title);

describe('search', () => {
  it('finds a word with particles attached (네이버 → 네이버는, 네이버의)', async () => {
    expect(await titles('네이버')).toEqual([
      '네이버의 소버린 AI 전략',
      '네이버 창업자 이야기',
      '엔비디아 실적 발표',
    ]);
  });

  it('ranks title matches above body matches, newer first within each', async () => {
    const result = await titles('네이버');
    expect(result.indexOf('엔비디아 실적 발표')).toBe(result.length - 1);
    expect(result.indexOf('네이버의 소버린 AI 전략')).toBeLessThan(
      result.indexOf('네이버 창업자 이야기'),
    );
  });

  it('finds partial words (소버 → 소버린)', async () => {
    expect(await titles('소버')).toEqual(['네이버의 소버린 AI 전략', '엔비디아 실적 발표']);
  });

  it('finds mixed Korean and Latin, and Latin case-insensitively', async () => {
    expect(await titles('소버린 AI')).toEqual(['네이버의 소버린 AI 전략']);
    expect(await titles('llm')).toEqual([
      'Seoul Subway Goes Driverless',
      '네이버의 소버린 AI 전략',
    ]);
    expect(await titles('SEOUL')).toEqual(['Seoul Subway Goes Driverless']);
  });

  it('strips a particle from the query word', async () => {
    expect(tokenizeQuery('네이버는 서울에서')).toEqual(['네이버', '서울']);
    expect(await titles('네이버는')).toContain('네이버의 소버린 AI 전략');
  });

  it('finds a word inside a compound title (언어모델 → 거대언어모델)', async () => {
    expect(await titles('언어모델')).toContain('거대언어모델 경쟁 본격화');
  });

  it('searches categories and tags', async () => {
    expect(await titles('인물')).toEqual(['네이버 창업자 이야기']);
    expect(await titles('국제')).toEqual(['엔비디아 실적 발표']);
  });

  it('never returns drafts or scheduled articles', async () => {
    const result = await titles('네이버');
    expect(result).not.toContain('네이버 초안');
    expect(result).not.toContain('네이버 예약');
  });

  it('finds a scheduled article once its time has come, with nothing else changed', async () => {
    expect((await search(getViewAt(now), '네이버 예약', 1)).total).toBe(0);
    const later = new Date('2027-01-01T00:00:01+09:00');
    const hits = (await search(getViewAt(later), '네이버 예약', 1)).hits.map(
      (h) => h.article.title,
    );
    expect(hits).toContain('네이버 예약');
  });

  it('answers empty, blank, overlong and hostile queries calmly', async () => {
    expect((await search(getViewAt(now), '', 1)).total).toBe(0);
    expect((await search(getViewAt(now), '   ', 1)).total).toBe(0);
    expect((await search(getViewAt(now), '가'.repeat(10_000), 1)).query).toHaveLength(100);
    const hostile = await search(
      getViewAt(now),
      '<script>alert(1)</script> OR 1=1 -- \' " \\ %00 ***',
      1,
    );
    expect(hostile.hits).toEqual([]);
  });

  it('bounds the work of a query: repeated words count once, at most four words, whole-word one-syllable terms', async () => {
    expect(toQueryTerms(Array(50).fill('관').join(' '))).toEqual(['관']);
    expect(toQueryTerms('가 나 다 라 마 바 사')).toEqual(['가', '나', '다', '라']);
    expect(await titles(Array(50).fill('네이버').join(' '))).toEqual(await titles('네이버'));
    // One syllable would expand to most of the vocabulary; it matches whole words only.
    expect(await titles('네')).toEqual([]);
    expect((await titles('네이')).length).toBeGreaterThan(0);
  });

  it('sees a new file without a rebuild of the index', async () => {
    fs.writeFileSync(
      path.join(dir, 'late.md'),
      '---\ntitle: 늦게 올린 반도체 기사\ndate: 2026-11-26\n---\n본문\n',
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await titles('반도체')).toEqual(['늦게 올린 반도체 기사']);
  });
});

describe('toSnippet', () => {
  it('marks every query word in a window around the first one', () => {
    const parts = toSnippet('앞 문장. 네이버는 소버린 AI를 만든다. 뒤 문장.', ['소버린', 'ai']);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['소버린', 'AI']);
    expect(parts.map((p) => p.text).join('')).toBe(
      '앞 문장. 네이버는 소버린 AI를 만든다. 뒤 문장.',
    );
  });

  it('cuts long text with ellipses', () => {
    const text = `${'가'.repeat(300)} 목표 ${'나'.repeat(300)}`;
    const parts = toSnippet(text, ['목표'], 20);
    expect(parts[0]?.text).toBe('…');
    expect(parts.at(-1)?.text).toBe('…');
    expect(parts.some((p) => p.match && p.text === '목표')).toBe(true);
  });
});
