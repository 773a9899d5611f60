import { describe, expect, it } from 'vitest';

import { inPathOrder, toSourceFile } from './archive/test-support';
import { parseFrontMatter } from './parse';
import { countArticles, getSeries, getSeriesPlace, getTerm, getTerms, listArticles, MAX_SERIES_ARTICLES } from './queries';
import { toArticle } from './schema';
import { toSeries } from './series-file';
import { toSeriesId } from './series-id';
import { buildSnapshot } from './snapshot';
import { viewsOfFolder } from './testing/both-views';

const NOW = new Date('2026-11-27T12:00:00+09:00');

/** An article file's text: a title and the given front-matter lines. */
const md = (title: string, ...lines: string[]) => `---\ntitle: ${title}\n${lines.join('\n')}\n---\n${title} 본문\n`;

const titles = (articles: readonly { title: string }[] | undefined) => (articles ?? []).map((a) => a.title);

function articleResult(frontMatter: string) {
  const parsed = parseFrontMatter(`---\ntitle: 제목\n${frontMatter}\n---\n본문\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return toArticle(parsed.value, { path: '2026/11/a.md', size: 1, mtimeMs: 1 }, NOW);
}

describe('series order, over the snapshot and the on-disk index alike', () => {
  const folder = {
    // Written out of order: series_order first, those without it after, by time; ties by time, then slug.
    '2026/11/c.md': md('셋째', 'date: 2026-11-20 09:00', 'series: 겨울-에너지', 'series_order: 3'),
    '2026/11/a.md': md('첫째', 'date: 2026-11-24 09:00', 'series: 겨울-에너지', 'series_order: 1'),
    '2026/11/b2.md': md('둘째-나', 'date: 2026-11-22 09:00', 'series: 겨울-에너지', 'series_order: 2'),
    '2026/11/b1.md': md('둘째-가', 'date: 2026-11-22 09:00', 'series: 겨울-에너지', 'series_order: 2'),
    '2026/11/b0.md': md('둘째-앞', 'date: 2026-11-21 09:00', 'series: 겨울-에너지', 'series_order: 2'),
    '2026/11/z-late.md': md('번외-나중', 'date: 2026-11-26 09:00', 'series: 겨울-에너지'),
    '2026/11/z-early.md': md('번외-먼저', 'date: 2026-11-10 09:00', 'series: 겨울-에너지'),
    '2026/11/draft.md': md('초안', 'date: 2026-11-01', 'series: 겨울-에너지', 'series_order: 1', 'draft: true'),
    '2026/11/scheduled.md': md('예약', 'date: 2026-12-01 09:00', 'series: 겨울-에너지', 'series_order: 4'),
    '2026/11/other.md': md('다른 기사', 'date: 2026-11-25'),
    '_series/겨울-에너지.yml': 'name: 겨울 에너지 대전환\ndescription: 난방비와 전력망을 짚는 기획\n',
  };
  const expected = ['첫째', '둘째-앞', '둘째-가', '둘째-나', '셋째', '번외-먼저', '번외-나중'];

  it('lists published articles by series_order, then oldest first, then slug; unnumbered last', () => {
    const { views, close } = viewsOfFolder(folder, NOW);
    for (const { reader, view } of views) {
      const series = getSeries(view, '겨울-에너지');
      expect(titles(series?.articles), reader).toEqual(expected);
      expect(series, reader).toMatchObject({ name: '겨울 에너지 대전환', description: '난방비와 전력망을 짚는 기획' });
    }
    close();
  });

  it('never lists or counts a draft, and a scheduled article only from its time', () => {
    const both = viewsOfFolder(folder, NOW);
    for (const { reader, view } of both.views) {
      expect(titles(getSeries(view, '겨울-에너지')?.articles), reader).not.toContain('예약');
      expect(countArticles(view, { taxonomy: 'series', term: '겨울-에너지' }), reader).toBe(7);
      expect(getTerm(view, 'series', '겨울-에너지')?.count, reader).toBe(7);
      expect(titles(listArticles(view, { taxonomy: 'series', term: '겨울-에너지' }, 50)), reader).not.toContain('초안');
    }
    for (const { reader, view } of both.at(new Date('2026-12-02T00:00:00+09:00'))) {
      const series = titles(getSeries(view, '겨울-에너지')?.articles);
      expect(series, reader).toEqual([...expected.slice(0, 5), '예약', ...expected.slice(5)]);
      expect(series, reader).not.toContain('초안');
    }
    both.close();
  });

  it('places an article in its series: "(n/m)" with the previous and next in reading order', () => {
    const { views, close } = viewsOfFolder(folder, NOW);
    for (const { reader, view } of views) {
      const series = getSeries(view, '겨울-에너지');
      const third = series?.articles[2];
      if (!third) throw new Error('no third article');
      const place = getSeriesPlace(view, third);
      expect(place, reader).toMatchObject({ id: '겨울-에너지', name: '겨울 에너지 대전환', position: 3, total: 7 });
      expect(place?.previous?.title, reader).toBe('둘째-앞');
      expect(place?.next?.title, reader).toBe('둘째-나');
      const first = series.articles[0];
      const last = series.articles.at(-1);
      if (!first || !last) throw new Error('no ends');
      expect(getSeriesPlace(view, first)?.previous, reader).toBeUndefined();
      expect(getSeriesPlace(view, last)?.next, reader).toBeUndefined();
      const other = listArticles(view, {}, 50).find((a) => a.title === '다른 기사');
      expect(other && getSeriesPlace(view, other), reader).toBeUndefined();
    }
    close();
  });

  it('names a series by its id when it has no _series file, and lists it in the sitemap terms', () => {
    const { views, close } = viewsOfFolder(
      { '2026/11/a.md': md('하나', 'date: 2026-11-20', 'series: 농촌-의료') },
      NOW,
    );
    for (const { reader, view } of views) {
      expect(getSeries(view, '농촌-의료'), reader).toMatchObject({ name: '농촌-의료', description: undefined });
      expect(getTerms(view, 'series').map((t) => t.slug), reader).toEqual(['농촌-의료']);
    }
    close();
  });

  it('answers an unknown or hostile id with nothing', () => {
    const { views, close } = viewsOfFolder(folder, NOW);
    for (const { reader, view } of views) {
      for (const id of ['없는-연재', '../_series/겨울-에너지', 'x'.repeat(100_000), '', '\u0000']) {
        expect(getSeries(view, id), `${reader} ${id.slice(0, 20)}`).toBeUndefined();
        expect(getTerm(view, 'series', id), reader).toBeUndefined();
      }
    }
    close();
  });

  it('shows at most MAX_SERIES_ARTICLES of a very long series, and counts all of it', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_SERIES_ARTICLES + 5; i += 1) {
      files[`2026/11/n${i}.md`] = md(`글 ${i}`, 'date: 2026-11-01', 'series: 긴-연재', `series_order: ${i + 1}`);
    }
    const { views, close } = viewsOfFolder(files, NOW);
    for (const { reader, view } of views) {
      const series = getSeries(view, '긴-연재');
      expect(series?.articles.length, reader).toBe(MAX_SERIES_ARTICLES);
      expect(series?.articles[0]?.title, reader).toBe('글 0');
      // The attack review: the page said 기사 500건 and each article (n/500) of a series of 505.
      expect(series?.total, reader).toBe(MAX_SERIES_ARTICLES + 5);
      const first = series?.articles[0];
      expect(first && getSeriesPlace(view, first), reader).toMatchObject({ position: 1, total: MAX_SERIES_ARTICLES + 5 });
    }
    close();
  });
});

describe('series fields in front matter', () => {
  it('reads series and series_order', () => {
    const result = articleResult('series: 겨울-에너지\nseries_order: 2');
    expect(result.ok && result.article.series).toEqual({ id: '겨울-에너지', order: 2 });
  });

  it.each([
    ['a path', 'series: ../../etc/passwd', '연재 id로 쓸 수 없는 값입니다: "../../etc/passwd"'],
    ['capitals and spaces', 'series: Winter Energy', '연재 id로 쓸 수 없는 값입니다'],
    ['a huge id', `series: ${'가'.repeat(5000)}`, '연재 id가 너무 깁니다 (최대 60자)'],
    ['a list', 'series: [a, b]', '연재 id는 글자여야 합니다'],
    ['a map', 'series: { id: a }', '연재 id는 글자여야 합니다'],
    ['a number', 'series: 2026', '연재 id는 글자여야 합니다'],
    ['nothing', 'series:', '연재 id는 글자여야 합니다'],
  ])('refuses %s as a series id, at the line of series:', (_, line, message) => {
    const result = articleResult(`date: 2026-11-01\n${line}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ file: '2026/11/a.md', line: 4, severity: 'error' });
    expect(result.problems[0]?.message).toContain(`series: ${message}`);
  });

  it.each(['0', '-1', '1.5', '"2"', '10001'])('refuses series_order: %s', (value) => {
    const result = articleResult(`series: a\nseries_order: ${value}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 4, message: expect.stringContaining('series_order:') });
  });

  it('warns about series_order without series', () => {
    const result = articleResult('date: 2026-11-01\nseries_order: 1');
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual(['series_order는 series가 있는 기사에만 뜻이 있습니다']);
  });

  it('accepts ids as they are written in slugs', () => {
    expect(toSeriesId('winter_energy-2026')).toEqual({ ok: true, id: 'winter_energy-2026' });
    expect(toSeriesId('겨울 에너지').ok).toBe(false);
  });
});

describe('_series/<id>.yml', () => {
  const source = (path: string) => ({ path, size: 1, mtimeMs: 1 });

  it('reads a name and a description', () => {
    const result = toSeries('name: 겨울 에너지 대전환\ndescription: 기획\n', source('_series/겨울-에너지.yml'));
    expect(result.ok && result.series).toMatchObject({ id: '겨울-에너지', name: '겨울 에너지 대전환', description: '기획' });
  });

  it('says what is wrong, at the line, in the one YAML reader\'s words', () => {
    const broken = toSeries('name: 겨울\nname: 또\n', source('_series/a.yml'));
    expect(broken).toMatchObject({ ok: false, problems: [{ file: '_series/a.yml', line: 2, message: expect.stringContaining('같은 항목이 두 번 있습니다') }] });
    const noName = toSeries('description: 설명\n', source('_series/a.yml'));
    expect(noName).toMatchObject({ ok: false, problems: [{ line: 1, message: 'name: 연재 이름이 있어야 합니다 (필수 항목)' }] });
    const longName = toSeries(`description: 설명\nname: ${'가'.repeat(101)}\n`, source('_series/a.yml'));
    expect(longName).toMatchObject({ ok: false, problems: [{ line: 2, message: 'name: 너무 깁니다 (최대 100자)' }] });
    const list = toSeries('- a\n- b\n', source('_series/a.yml'));
    expect(list).toMatchObject({ ok: false, problems: [{ message: '이 파일은 "이름: 값" 형식의 항목이어야 합니다' }] });
  });

  it('refuses a file name that is not a series id', () => {
    const result = toSeries('name: 겨울\n', source('_series/Winter Energy.yml'));
    expect(result).toMatchObject({ ok: false, problems: [{ file: '_series/Winter Energy.yml', line: 1, message: expect.stringContaining('파일 이름을 연재 주소(id)로 쓸 수 없습니다') }] });
  });

  it('leaves a broken _series file out without taking its articles down', () => {
    const files = inPathOrder(
      Object.entries({
        '2026/11/a.md': md('하나', 'date: 2026-11-20', 'series: 겨울'),
        '_series/겨울.yml': 'name: [열린 괄호\n',
      }).map(([path, text]) => toSourceFile(path, text, NOW)),
    );
    const snapshot = buildSnapshot(files, 1, NOW.getTime());
    expect(snapshot.articles.map((a) => a.title)).toEqual(['하나']);
    expect(snapshot.series.size).toBe(0);
    expect(snapshot.problems).toEqual([expect.objectContaining({ file: '_series/겨울.yml', severity: 'error' })]);
  });
});
