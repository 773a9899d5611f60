import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from './parse';
import {
  countArticles,
  eachArticle,
  getAdjacent,
  getArticle,
  getArticleForPreview,
  getBreakingNews,
  getCategories,
  getLeadArticle,
  getListingPage,
  getMasthead,
  getRelated,
} from './queries';
import { toArticle } from './schema';
import type { SourceFile } from './snapshot';
import { viewOfFiles } from './view';

const now = new Date('2026-11-27T12:00:00+09:00');

/** An article file held in memory: no disk, no environment, no store. */
function file(name: string, frontMatter: string): SourceFile {
  const parsed = parseFrontMatter(`---\ntitle: ${name}\n${frontMatter}\n---\n본문 ${name}\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const source = { path: `${name}.md`, size: 1, mtimeMs: 1 };
  return { entry: { path: source.path, absolute: `/nowhere/${source.path}`, kind: 'article' }, result: toArticle(parsed.value, source, now) };
}

/** `count` articles in 경제, one a day back from 2026-11-26, newest first by name a1, a2 … */
function daily(count: number): SourceFile[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 26 - i)).toISOString().slice(0, 10);
    return file(`a${i + 1}`, `date: ${day}\ncategories: [경제]`);
  });
}

const titles = (articles: Iterable<{ title: string }>) => [...articles].map((a) => a.title);

describe('queries over a view of files in memory', () => {
  it('pages a term 20 at a time with its total, and refuses a page past the last', () => {
    const view = viewOfFiles(daily(45), now);
    const third = getListingPage(view, 'category', '경제', 3);
    expect(third).toMatchObject({ page: 3, pageCount: 3, total: 45 });
    expect(titles(third?.articles ?? [])).toEqual(['a41', 'a42', 'a43', 'a44', 'a45']);
    expect(getListingPage(view, 'category', '경제', 4)).toBeUndefined();
    expect(getListingPage(view, 'category', '경제', 0)).toBeUndefined();
    expect(getListingPage(view, 'category', '없음', 1)).toBeUndefined();
  });

  it('walks the whole archive in batches, newest first, without skipping or repeating', () => {
    const view = viewOfFiles(daily(45), now);
    expect(titles(eachArticle(view, {}, 7))).toEqual(Array.from({ length: 45 }, (_, i) => `a${i + 1}`));
    expect(countArticles(view)).toBe(45);
  });

  it('publishes a scheduled article at its time and never a draft, in every answer', () => {
    const files = [
      ...daily(3),
      file('예약', 'date: 2026-11-28 09:00\ncategories: [경제]\nbreaking: true\ntop: true'),
      file('초안', 'date: 2026-11-26\ncategories: [경제]\ndraft: true\ntop: true'),
    ];
    const today = viewOfFiles(files, now);
    expect(titles(eachArticle(today))).toEqual(['a1', 'a2', 'a3']);
    expect(getArticle(today, '예약')).toBeUndefined();
    expect(getArticleForPreview(today, '초안')?.title).toBe('초안');
    expect(getLeadArticle(today)?.title).toBe('a1');
    expect(getBreakingNews(today)).toEqual([]);
    expect(getCategories(today)).toEqual([expect.objectContaining({ slug: '경제', count: 3 })]);

    const later = viewOfFiles(files, new Date('2026-11-28T09:00:00+09:00'));
    expect(titles(eachArticle(later))).toEqual(['예약', 'a1', 'a2', 'a3']);
    expect(getLeadArticle(later)?.title).toBe('예약');
    expect(titles(getBreakingNews(later))).toEqual(['예약']);
    expect(getCategories(later, 2)[0]).toMatchObject({ count: 4, latest: [{ title: '예약' }, { title: 'a1' }] });
  });

  it('finds neighbours and related articles among the published ones only', () => {
    const files = [...daily(4), file('예약', 'date: 2026-12-01\ncategories: [경제]')];
    const view = viewOfFiles(files, now);
    const a1 = getArticle(view, 'a1');
    const a3 = getArticle(view, 'a3');
    if (!a1 || !a3) throw new Error('missing');
    expect(getAdjacent(view, a1)).toEqual({ newer: undefined, older: expect.objectContaining({ title: 'a2' }) });
    expect(titles(Object.values(getAdjacent(view, a3)))).toEqual(['a2', 'a4']);
    expect(titles(getRelated(view, a1, 2))).toEqual(['a2', 'a3']);
  });

  it("takes the operator's settings over _site.yml and the defaults, per view", () => {
    const view = viewOfFiles([], now, { name: '거울일보', url: 'https://mirror.example.kr' });
    expect(getMasthead(view)).toMatchObject({ name: '거울일보', url: 'https://mirror.example.kr' });
    expect(getMasthead(viewOfFiles([], now)).name).toBe('한빛일보');
    expect(getLeadArticle(view)).toBeUndefined();
  });
});
