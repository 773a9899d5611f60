import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom as random } from '@/lib/seeded-random.mjs';

import { toIndexWords, toSnippetText } from './article-words';
import { openSearchIndex, type IndexedArticle, type SearchIndex } from './disk-index';
import { IN_TITLE, MAX_PREFIX_EXPANSION, SearchEngine } from './engine';
import { MAX_QUERY_LENGTH, MIN_PREFIX_LENGTH, RESULTS_PER_PAGE } from './limits';
import { rankPositions } from './matches';
import { toQueryTerms } from './tokenize';

const NOW = new Date('2026-11-27T00:00:00Z');
const DAY = 86_400_000;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disk-index-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
const freshFile = () => path.join(dir, `index-${(files += 1)}.sqlite`);

// Sentences and words of the seed site's post (네이버, 소버린 AI, 엔비디아 …), recombined.
const SUBJECTS = [
  '네이버',
  '네이버는',
  '네이버의',
  '엔비디아',
  '엔비디아는',
  '서울시',
  '서울에서',
  '이해진',
  '최수연 대표',
  '사우디 아람코',
];
const TOPICS = [
  '소버린 AI',
  '거대언어모델(LLM)',
  '소버린 클라우드',
  '슈퍼 앱',
  '아랍어 LLM',
  'AI 반도체',
  '글로벌투자책임자(GIO)',
  '인공지능(AI)',
  '2024년 3월',
  '5G 통신',
];
const TAILS = [
  '추진하고 있습니다',
  '강조하고 있습니다',
  '모색하고 있다',
  '구축하는 전략을 추진 중입니다',
  '협약을 맺었다',
];

/** Articles like the seed's; many share a day (date-only front matter), some are drafts or scheduled. */
function corpus(count: number): IndexedArticle[] {
  const next = random(21);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const sentence = () =>
    `${pick(SUBJECTS)} ${pick(TOPICS)}에 대해 ${pick(TOPICS)}의 중요성을 ${pick(TAILS)}.`;
  return Array.from({ length: count }, (_, i) => {
    const day = Math.floor(next() * 40);
    const published = new Date(
      Date.UTC(2026, 9, 1) + day * DAY + (next() < 0.5 ? 0 : Math.floor(next() * 24) * 3_600_000),
    );
    return {
      slug: `${published.toISOString().slice(0, 10)}-${(i * 7919) % count}`,
      sourceKey: `posts/${i}.md\u0000100\u00001`,
      published: i % 37 === 0 ? new Date(NOW.getTime() + DAY * (1 + (i % 5))) : published,
      draft: i % 41 === 0,
      title: `${pick(SUBJECTS)} ${pick(TOPICS)} ${i % 9 === 0 ? 'Seoul Subway' : '소식'} ${i}번째`,
      excerpt: next() < 0.8 ? sentence() : undefined,
      featureText: next() < 0.5 ? sentence() : undefined,
      categories: [pick(['경제', 'IT·과학', '국제'])],
      tags: next() < 0.3 ? [pick(['인물', '반도체', 'GIO'])] : [],
      body: Array.from({ length: 3 + Math.floor(next() * 5) }, sentence).join(' '),
    };
  });
}

/** Today's engine (lib/search/index.ts over SearchEngine), over the articles published at `now`. */
function referenceSearch(articles: readonly IndexedArticle[], now: Date) {
  const published = articles
    .filter((a) => !a.draft && a.published.getTime() <= now.getTime())
    .sort((a, b) => b.published.getTime() - a.published.getTime() || (a.slug < b.slug ? -1 : 1));
  const engine = new SearchEngine();
  for (const a of published) {
    const { titleWords, textWords } = toIndexWords(a);
    engine.add(a.slug, titleWords, textWords);
  }
  const position = new Map(published.map((a, i) => [a.slug, i]));
  return (words: readonly string[], page: number) => {
    const ranked = rankPositions(
      words.map((term) => {
        const all: number[] = [];
        const title: number[] = [];
        for (const [slug, where] of engine.match(term, term.length >= MIN_PREFIX_LENGTH)) {
          const p = position.get(slug)!;
          all.push(p);
          if (where & IN_TITLE) title.push(p);
        }
        return { all: Int32Array.from(all).sort(), title: Int32Array.from(title).sort() };
      }),
    );
    const pageCount = Math.ceil(ranked.length / RESULTS_PER_PAGE);
    const current = Math.min(Math.max(1, page), Math.max(1, pageCount));
    const hits = ranked
      .slice((current - 1) * RESULTS_PER_PAGE, current * RESULTS_PER_PAGE)
      .map(({ position: p, inTitle }) => {
        const a = published[p]!;
        return { slug: a.slug, snippetText: toSnippetText(a), inTitle };
      });
    return { hits, total: ranked.length, page: current, pageCount };
  };
}

const asked = (query: string) =>
  toQueryTerms(query.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH));

/** Each query's pages from `index` are today's engine's over `articles`, every count below its cap. */
function expectAsEngine(
  index: SearchIndex,
  articles: readonly IndexedArticle[],
  queries: readonly string[],
  pages: readonly number[],
): void {
  const reference = referenceSearch(articles, NOW);
  for (const query of queries) {
    const words = asked(query);
    for (const page of pages) {
      const { more, ...found } = index.search(words, NOW, page);
      expect(more, query).toBe(false);
      expect(found, `${query} p${page}`).toEqual(reference(words, page));
    }
  }
}

describe('disk search index', () => {
  const articles = corpus(1500);
  let index: SearchIndex;
  beforeAll(() => {
    index = openSearchIndex(freshFile());
    // Oldest-written first and in no particular order, as a folder gives them.
    index.putMany([...articles].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : 1)));
  });
  afterAll(() => index.close());

  const queries = [
    '네이버',
    '네이버는',
    '네이버의 소버린',
    '서울에서',
    '서울',
    '소버',
    '소버린 AI',
    'ai',
    'AI',
    'llm',
    'LLM 네이버',
    'gio',
    '2024',
    '2024년',
    '5g',
    '3번째',
    '이해진',
    '엔비디아는 반도체',
    '언어모델',
    '거대언어모델',
    'seoul subway',
    '인물',
    '경제',
    '네',
    '가',
    'x',
    '없는말',
    '네이버 서울 ai 2024 소버린',
    'Seoul 네이버',
  ];

  it('finds what today’s engine finds, in the same order, with the same totals and snippets', () => {
    expectAsEngine(index, articles, queries, [1, 2, 7, 1000]);
    expect(index.search(asked('네이버'), NOW).total).toBeGreaterThan(100);
  });

  it('never finds a draft, and a scheduled article only from its time on', () => {
    const scheduled = articles.find((a) => !a.draft && a.published > NOW)!;
    const draft = articles.find((a) => a.draft)!;
    const slugs = (now: Date) =>
      new Set(
        Array.from({ length: 80 }, (_, p) => index.search(asked('네이버 소식'), now, p + 1).hits)
          .flat()
          .map((h) => h.slug),
      );
    const word = asked(scheduled.title)[0]!;
    const findsScheduled = (now: Date) =>
      Array.from({ length: 100 }, (_, p) => index.search([word], now, p + 1).hits)
        .flat()
        .some((h) => h.slug === scheduled.slug);
    expect(findsScheduled(NOW)).toBe(false);
    expect(findsScheduled(new Date(scheduled.published.getTime() - 1))).toBe(false);
    expect(findsScheduled(scheduled.published)).toBe(true);
    expect(slugs(new Date(8.64e15)).has(draft.slug)).toBe(false);
    expect(referenceSearch(articles, scheduled.published)([word], 1).total).toBe(
      index.search([word], scheduled.published).total,
    );
  });

  it('answers hostile queries calmly, as the words they reduce to', () => {
    const hostile = [
      '가'.repeat(10_000),
      'a'.repeat(10_000),
      '"네이버',
      '네이버"',
      '*',
      '네이버*',
      'NEAR(네이버 소버린)',
      '네이버 OR 엔비디아',
      'NOT 네이버',
      '-네이버',
      '^네이버',
      'title:네이버',
      '{w}: 네이버',
      '네이버\u0000소버린',
      '\ud800네이버\udc00',
      '\ud83d',
      '네이버 AND',
      '( ) " * : ^ -',
    ];
    for (const query of hostile) {
      const words = asked(query);
      expect(() => index.search(words, NOW), query).not.toThrow();
      expect(index.search(words, NOW), query).toEqual(index.search(asked(words.join(' ')), NOW));
    }
    // Words that never come from the tokenizer, straight into the index: still no error.
    for (const word of [
      '"',
      '""',
      'a"b',
      '*',
      'NEAR(',
      'OR',
      'AND',
      '-',
      '^',
      ':',
      '\u0000',
      '\ud800',
      '',
      ' ',
      '\ue000네이버',
    ])
      expect(() => index.search([word, '네이버'], NOW), JSON.stringify(word)).not.toThrow();
  });

  it('keeps articles of one publish time in slug order, however they arrive', () => {
    const file = freshFile();
    const one = openSearchIndex(file);
    const at = new Date('2026-11-20T00:00:00+09:00');
    const make = (slug: string): IndexedArticle => ({
      slug,
      sourceKey: slug,
      published: at,
      title: `동시 ${slug}`,
      categories: [],
      tags: [],
      body: '같은 날짜',
    });
    // Each slug lands between 'a' and the last one: the gap halves until the day is renumbered.
    const slugs = [
      'a',
      'b',
      ...Array.from({ length: 40 }, (_, i) => `a-${String(999 - i).padStart(4, '0')}`),
      'c',
      '0',
    ];
    for (const slug of slugs) one.put(make(slug));
    // The same in one transaction: the words of articles moved to make room are not written yet.
    const batch = openSearchIndex(freshFile());
    batch.putMany(slugs.map(make));
    for (const index of [one, batch]) {
      const found = [1, 2, 3].flatMap((page) => index.search(['동시'], NOW, page).hits);
      expect(found.map((h) => h.slug)).toEqual([...slugs].sort());
      expect(index.search(['같은'], NOW).total).toBe(slugs.length);
      index.close();
    }
  });

  it('keeps the last of a slug put twice in one batch (a draft: none), and replaces what an earlier batch put', () => {
    const index = openSearchIndex(freshFile());
    const at = new Date('2026-11-20T09:00:00+09:00');
    const make = (slug: string, word: string, published = at): IndexedArticle => ({
      slug,
      sourceKey: `${slug}:${word}`,
      published,
      title: `${word} 소식`,
      categories: [],
      tags: [],
      body: `${word} 본문`,
    });
    index.putMany([
      make('a', '첫판'),
      make('b', '그대로'),
      make('a', '둘째판', new Date(at.getTime() - DAY)),
    ]);
    expect(index.search(['첫판'], NOW).total).toBe(0);
    expect(index.search(['둘째판'], NOW).hits.map((h) => h.slug)).toEqual(['a']);
    index.putMany([
      make('b', '고친판'),
      make('c', '새판'),
      make('b', '마지막판'),
      make('d', '거둔판'),
      { ...make('d', '초안'), draft: true },
    ]);
    for (const gone of ['거둔판', '초안']) expect(index.search([gone], NOW).total, gone).toBe(0);
    for (const gone of ['그대로', '고친판']) expect(index.search([gone], NOW).total, gone).toBe(0);
    expect(index.search(['마지막판'], NOW).hits.map((h) => h.slug)).toEqual(['b']);
    expect(index.search(['소식'], NOW).hits.map((h) => h.slug)).toEqual(['b', 'c', 'a']);
    expect(index.size()).toBe(3);
    index.close();
  });

  it('moves the words of a slug SQLite gives back changed (a lone surrogate) when a relabel in its batch makes room', () => {
    const file = freshFile();
    const index = openSearchIndex(file);
    const at = new Date('2026-11-20T09:00:00.123Z');
    const make = (slug: string, i: number): IndexedArticle => ({
      slug,
      sourceKey: slug,
      published: at,
      title: `모두 단어${String(i).padStart(3, '0')}`,
      categories: [],
      tags: [],
      body: '같은 시각',
    });
    // Each slug lands between 'a' and the last one, until the millisecond is renumbered.
    const slugs = [
      'a',
      'a\uD800',
      ...Array.from({ length: 59 }, (_, i) => `a\uD800-${String(999 - i).padStart(4, '0')}`),
    ];
    index.putMany(slugs.map(make));
    expect(index.search(['모두'], NOW).total).toBe(slugs.length);
    slugs.forEach((_, i) =>
      expect(index.search([`단어${String(i).padStart(3, '0')}`], NOW).total, `${i}`).toBe(1),
    );
    // No posting without its article: FTS5's rows are the documents' rows.
    const db = new Database(file, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM words WHERE words MATCH '"모두"'`)).toBe(
      count('SELECT count(*) AS n FROM docs'),
    );
    db.close();
    index.close();
  });

  it('takes a batch from its iterable before writing: a put made while iterating is not lost in it', () => {
    const index = openSearchIndex(freshFile());
    const at = new Date('2026-11-20T09:00:00+09:00');
    const make = (slug: string, word: string): IndexedArticle => ({
      slug,
      sourceKey: slug,
      published: at,
      title: `바깥 ${word}`,
      categories: [],
      tags: [],
      body: word,
    });
    function* batch(): Generator<IndexedArticle> {
      yield make('a', '가나다');
      yield make('b', '라마바');
      // A failing put of its own while the batch is read (a title that is no string).
      expect(() =>
        index.putMany([
          make('x', '엑스'),
          { ...make('y', '와이'), title: undefined as unknown as string },
        ]),
      ).toThrow();
      yield make('c', '사아자');
    }
    index.putMany(batch());
    expect(index.search(['바깥'], NOW).hits.map((h) => h.slug)).toEqual(['a', 'b', 'c']);
    for (const word of ['가나다', '라마바', '사아자'])
      expect(index.search([word], NOW).total, word).toBe(1);
    expect(index.search(['엑스'], NOW).total).toBe(0);
    expect(index.size()).toBe(3);
    index.close();
  });

  it('updates one article at a time: add, edit, rename, delete, by file identity', () => {
    const file = freshFile();
    let one = openSearchIndex(file);
    const base: IndexedArticle = {
      slug: 'naver',
      sourceKey: 'naver.md\u0000100\u00001',
      published: new Date('2026-11-20T00:00:00Z'),
      title: '네이버의 소버린 AI 전략',
      excerpt: '요약',
      categories: ['경제'],
      tags: [],
      body: '네이버는 거대언어모델을 만든다.',
    };
    one.put(base);
    expect(one.isCurrent('naver', base.sourceKey)).toBe(true);
    expect(one.isCurrent('naver', 'naver.md\u0000101\u00002')).toBe(false);
    // The catch-up's batch form: what each indexed slug was made from; unknown ones are absent.
    expect(one.sourceKeysOf(['없음', 'naver', 'naver'])).toEqual(new Map([['naver', base.sourceKey]]));
    expect(one.sourceKeysOf([])).toEqual(new Map());
    expect(one.search(['소버린'], NOW).hits).toEqual([
      { slug: 'naver', snippetText: '요약 네이버는 거대언어모델을 만든다.', inTitle: true },
    ]);

    one.put({
      ...base,
      sourceKey: 'naver.md\u0000120\u00003',
      title: '엔비디아 실적',
      body: '반도체',
    });
    expect(one.search(['소버린'], NOW).total).toBe(0);
    expect(one.search(['반도체'], NOW).hits.map((h) => h.slug)).toEqual(['naver']);
    expect(one.size()).toBe(1);

    one.remove('naver');
    one.put({ ...base, slug: 'naver-renamed' });
    expect(one.search(['소버린'], NOW).hits.map((h) => h.slug)).toEqual(['naver-renamed']);
    expect(one.search(['반도체'], NOW).total).toBe(0);

    one.put({ ...base, slug: 'naver-renamed', draft: true });
    expect(one.search(['소버린'], NOW).total).toBe(0);
    expect(one.size()).toBe(0);
    one.remove('never-there');

    one.put(base);
    one.setVersion('v1:42');
    one.close();
    one = openSearchIndex(file);
    expect(one.getVersion()).toBe('v1:42');
    expect(one.isCurrent('naver', base.sourceKey)).toBe(true);
    expect([...one.slugPages(1)].flat()).toEqual(['naver']);
    // Pages of the asked size in slug order, the last one short, and no empty page after a full one.
    one.put({ ...base, slug: 'a' });
    one.put({ ...base, slug: 'b' });
    expect([...one.slugPages(2)]).toEqual([['a', 'b'], ['naver']]);
    expect([...one.slugPages(3)]).toEqual([['a', 'b', 'naver']]);
    one.close();
  });

  it('asks a prefix that begins more than MAX_PREFIX_EXPANSION words as a whole word, as the engine does', () => {
    const one = openSearchIndex(freshFile());
    const doc = (slug: string, body: string): IndexedArticle => ({
      slug,
      sourceKey: slug,
      published: new Date('2026-01-01T00:00:00Z'),
      title: '제목',
      categories: [],
      tags: [],
      body,
    });
    one.putMany([doc('exact', '가나'), doc('one', '가나다')]);
    expect(one.search(['가나'], NOW).total).toBe(2);
    one.putMany(
      Array.from({ length: MAX_PREFIX_EXPANSION }, (_, i) => ({
        ...doc(`d${i}`, `가나${i}`),
        published: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
      })),
    );
    expect(one.search(['가나'], NOW).hits.map((h) => h.slug)).toEqual(['exact']);
    expect(one.search(['가나다'], NOW).hits.map((h) => h.slug)).toEqual(['one']);
    one.close();
  });

  it('finds a prefix longer than its prefix postings as today’s engine does, whether it begins no word, a few or many', () => {
    // Five characters and more are asked as the words they begin (an OR) when few, or as FTS5's
    // own prefix query when many; a title word's copy is behind a mark, one character longer.
    const next = random(7);
    const words = [
      ...Array.from({ length: 40 }, (_, i) => `소버린클라우드${i}`),
      ...Array.from({ length: 16 }, (_, i) => `아랍어모델${String.fromCharCode(0xac00 + i)}`),
      '글로벌투자책임자',
      '글로벌투자책임자는',
      'infrastructure',
      'informal',
      'information',
    ];
    const pick = () => words[Math.floor(next() * words.length)]!;
    const long: IndexedArticle[] = Array.from({ length: 300 }, (_, i) => ({
      slug: `long-${i}`,
      sourceKey: `long-${i}`,
      published: new Date(Date.UTC(2026, 5, 1) + i * 3_600_000),
      title: i % 3 === 0 ? `${pick()} 소식` : '소식',
      categories: [],
      tags: [],
      body: `${pick()} ${pick()} 기사입니다`,
    }));
    const one = openSearchIndex(freshFile());
    one.putMany(long);
    const cases = [
      '소버린클라우드',
      '소버린클라우드1',
      '소버린클',
      '글로벌투자책',
      '글로벌투자책임자',
      'infor',
      'inform',
      '아랍어모델',
      '아랍어모',
      '소버린클라우드 infor',
      '없는긴낱말입니다',
    ];
    expectAsEngine(one, long, cases, [1, 2]);
    expect(one.search(asked('소버린클라우드'), NOW).total).toBeGreaterThan(100);
    expect(one.search(asked('글로벌투자책'), NOW).hits.some((hit) => hit.inTitle)).toBe(true);
    expect(one.search(asked('없는긴낱말입니다'), NOW).total).toBe(0);
    one.close();
  });

  it('stops counting at its cap and says there are more; pages stop there too', () => {
    const file = freshFile();
    const one = openSearchIndex(file, { maxCounted: 45 });
    one.putMany(articles);
    const all = referenceSearch(articles, NOW)(['네이버'], 1);
    const found = one.search(['네이버'], NOW, 1);
    expect(all.total).toBeGreaterThan(45);
    expect(found).toMatchObject({ total: 45, more: true, pageCount: 3, page: 1 });
    expect(found.hits).toEqual(all.hits);
    expect(one.search(['네이버'], NOW, 99)).toMatchObject({ page: 3 });
    expect(one.search(['네이버'], NOW, 3).hits).toHaveLength(5);
    one.close();
  });
});

describe('openSearchIndex', () => {
  const article: IndexedArticle = {
    slug: 'a',
    sourceKey: 'a',
    published: new Date('2026-01-01T00:00:00Z'),
    title: '네이버',
    categories: [],
    tags: [],
    body: '',
  };

  it('rebuilds a file that is not SQLite, empty, or truncated', () => {
    for (const content of [
      Buffer.from('not a database at all'),
      Buffer.alloc(0),
      Buffer.alloc(8192, 0xff),
    ]) {
      const file = freshFile();
      fs.writeFileSync(file, content);
      const index = openSearchIndex(file);
      expect(index.size()).toBe(0);
      index.put(article);
      expect(index.search(['네이버'], NOW).total).toBe(1);
      index.close();
    }
    const file = freshFile();
    const whole = openSearchIndex(file);
    whole.putMany(corpus(300));
    whole.close();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const index = openSearchIndex(file);
    expect(index.size()).toBe(0);
    index.close();
  });

  it('removes a file found damaged while serving, so the next open starts afresh', () => {
    const file = freshFile();
    const whole = openSearchIndex(file);
    whole.putMany(corpus(400));
    whole.close();
    const db = new Database(file, { readonly: true });
    const { rootpage } = db
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'words_data'")
      .get() as { rootpage: number };
    db.close();
    const pageSize = 4096;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
    fs.closeSync(fd);
    const index = openSearchIndex(file);
    expect(() => index.search(['네이버'], NOW)).toThrow(/손상/);
    expect(fs.existsSync(file)).toBe(false);
    const reopened = openSearchIndex(file);
    expect(reopened.size()).toBe(0);
    reopened.close();
  });

  it('rebuilds an index of another schema, or a database that is not an index', () => {
    const other = freshFile();
    const index = openSearchIndex(other);
    index.put(article);
    index.close();
    const db = new Database(other);
    db.prepare("UPDATE meta SET value = 'hangul-news-search/0' WHERE name = 'schema'").run();
    db.close();
    expect(openSearchIndex(other).size()).toBe(0);

    const foreign = freshFile();
    const views = new Database(foreign);
    views.exec('CREATE TABLE views (slug TEXT, hour INTEGER)');
    views.close();
    const reopened = openSearchIndex(foreign);
    reopened.put(article);
    expect(reopened.size()).toBe(1);
    reopened.close();
  });

  it('keeps a published time far outside the clamp in order (clamped, never wrapped)', () => {
    const index = openSearchIndex(freshFile());
    index.put({ ...article, slug: 'ancient', published: new Date(-8.64e15) });
    index.put({ ...article, slug: 'epoch', published: new Date(0) });
    index.put({ ...article, slug: 'nan', published: new Date(Number.NaN) });
    index.put({ ...article, slug: 'future', published: new Date(8.64e15) });
    expect(index.search(['네이버'], NOW).hits.map((h) => h.slug)).toEqual([
      'epoch',
      'nan',
      'ancient',
    ]);
    expect(index.search(['네이버'], new Date(8.64e15)).hits.map((h) => h.slug)).toEqual([
      'future',
      'epoch',
      'nan',
      'ancient',
    ]);
    index.close();
  });
});
