import { describe, expect, it } from 'vitest';

import { ARTICLE_KINDS, toArticleKind } from './kinds';
import { parseFrontMatter } from './parse';
import { toArticle } from './schema';
import { toSiteIdentity } from './site-identity';

const NOW = new Date('2026-11-27T00:00:00Z');

function validate(frontMatter: string) {
  const parsed = parseFrontMatter(`---\n${frontMatter}\n---\n본문\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return toArticle(parsed.value, { path: 'news/story.md', size: 1, mtimeMs: 1 }, NOW);
}

function article(frontMatter: string) {
  const result = validate(frontMatter);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.article;
}

function errors(frontMatter: string) {
  const result = validate(frontMatter);
  return result.ok ? [] : result.problems;
}

const site = (yaml: string) => toSiteIdentity(yaml, { path: '_site.yml', size: 1, mtimeMs: 1 });

describe('kind: what an article is', () => {
  it('is 기사 without kind, and each kind the site knows as written', () => {
    expect(article('title: t').kind).toBe('기사');
    for (const kind of ARTICLE_KINDS) expect(article(`title: t\nkind: "${kind}"`).kind).toBe(kind);
  });

  it('reads 광고, 협찬 and the English names as their kinds, but not the ambiguous "opinion"', () => {
    for (const word of ['광고', '협찬', '광고/협찬', 'sponsored', 'Advertorial']) {
      expect(article(`title: t\nkind: "${word}"`).kind, word).toBe('광고/협찬');
    }
    expect(article('title: t\nkind: editorial').kind).toBe('사설');
    expect(article('title: t\nkind: column').kind).toBe('칼럼');
    expect(article('title: t\nkind: op-ed').kind).toBe('기고');
    expect(toArticleKind('opinion')).toBeUndefined();
  });

  it('names an unknown kind, its file and its line', () => {
    expect(errors('title: t\ncategories: 경제\nkind: 속보')).toEqual([
      {
        file: 'news/story.md',
        line: 4,
        severity: 'error',
        message: `kind: ${ARTICLE_KINDS.join(', ')} 중 하나여야 합니다 (광고·협찬은 광고 또는 협찬으로도 씁니다): "속보"는 알 수 없는 종류입니다`,
      },
    ]);
  });

  it("refuses Object's own names (constructor, toString, __proto__) as a kind or a label's kind", () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(toArticleKind(word), word).toBeUndefined();
      expect(errors(`title: t\nkind: ${word}`), word).toHaveLength(1);
    }
    // (`__proto__` never reaches the labels: the record reader drops it.)
    for (const word of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(site(`name: 뉴스\nlabels:\n  ${word}: 가짜`).ok, word).toBe(false);
    }
  });

  it('refuses a list, a number, a huge string or markup as a kind, with the same message', () => {
    for (const value of ['[사설, 칼럼]', '3', `"${'사'.repeat(60_000)}"`, '"<b>사설</b>"', '{a: 1}']) {
      const found = errors(`title: t\nkind: ${value}`);
      expect(found, value).toHaveLength(1);
      expect(found[0]?.message, value).toMatch(/^kind: 기사, 사설, 칼럼/);
      expect(found[0]?.message.length, value).toBeLessThan(200);
    }
  });
});

describe('source: the agency an article was carried from', () => {
  it('is kept as written, and the newsroom’s own article has none', () => {
    expect(article('title: t\nsource: 연합뉴스').agency).toBe('연합뉴스');
    expect(article('title: t').agency).toBeUndefined();
  });

  it('keeps markup as text (escaped where it is shown) and refuses lists and huge values', () => {
    expect(article('title: t\nsource: "<script>alert(1)</script>"').agency).toBe('<script>alert(1)</script>');
    expect(errors('title: t\nsource: [연합뉴스, 뉴시스]')[0]?.message).toBe('source: 글자여야 합니다');
    expect(errors(`title: t\nsource: ${'연'.repeat(51)}`)[0]).toMatchObject({ line: 3, message: 'source: 너무 깁니다 (최대 50자)' });
  });
});

describe('corrections of each legal kind', () => {
  it('keeps the old form as 바로잡습니다, and reads 정정보도, 반론보도 and 추후보도 with heading and pending', () => {
    const a = article(
      [
        'title: t',
        'corrections:',
        '  - date: 2026-11-20 10:00',
        '    text: 옛 정정',
        '  - kind: 정정보도',
        '    title: 정정보도문',
        '    date: 2026-11-21 10:00',
        '    text: 사실과 달라 바로잡습니다',
        '  - kind: 반론보도',
        '    date: 2026-11-22 10:00',
        '    text: 반론을 싣습니다',
        '  - kind: 추후보도',
        '    date: 2026-11-23 10:00',
        '    pending: true',
      ].join('\n'),
    );
    expect(a.corrections.map((c) => [c.kind, c.title, c.text, c.pending])).toEqual([
      ['추후보도', undefined, '', true],
      ['반론보도', undefined, '반론을 싣습니다', false],
      ['정정보도', '정정보도문', '사실과 달라 바로잡습니다', false],
      ['바로잡습니다', undefined, '옛 정정', false],
    ]);
    expect(a.updated?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  it('refuses an unknown kind, pending on 바로잡습니다, and a settled correction without text', () => {
    expect(errors('title: t\ncorrections:\n  - {kind: 사과문, date: 2026-11-20, text: x}')[0]?.message).toBe(
      'corrections의 kind: 바로잡습니다, 정정보도, 반론보도, 추후보도 중 하나여야 합니다',
    );
    expect(errors('title: t\ncorrections:\n  - {date: 2026-11-20, text: x, pending: true}')[0]).toMatchObject({
      line: 3,
      message: 'corrections의 pending: 정정보도, 반론보도, 추후보도에만 쓸 수 있습니다 (kind를 적어 주세요)',
    });
    expect(errors('title: t\ncorrections:\n  - {kind: 정정보도, date: 2026-11-20}')[0]?.message).toBe(
      'corrections의 text: 정정 내용(글자)이 있어야 합니다',
    );
    expect(errors(`title: t\ncorrections:\n  - {kind: 정정보도, date: 2026-11-20, title: "${'가'.repeat(201)}", text: x}`)[0]?.message).toBe(
      'corrections의 title: 너무 깁니다 (최대 200자)',
    );
  });
});

describe('_site.yml: labels, several 편집인 and the 기사배열 책임자', () => {
  it('reads one editor as before, and several with their areas', () => {
    const one = site('name: 시험일보\neditor: 이서연\n');
    expect(one.ok && [one.site.editor, one.site.editors]).toEqual(['이서연', [{ name: '이서연' }]]);
    const several = site('name: 시험일보\neditor:\n  - {name: 이서연, area: 보도}\n  - 최도윤\narrangement_officer: {name: 이서연, contact: desk@x.example}\n');
    expect(several.ok && [several.site.editor, several.site.editors, several.site.arrangementOfficer]).toEqual([
      '이서연, 최도윤',
      [{ name: '이서연', area: '보도' }, { name: '최도윤' }],
      { name: '이서연', contact: 'desk@x.example' },
    ]);
  });

  it('reads labels by kind, aliases included', () => {
    const read = site('name: 시험일보\nlabels:\n  광고: AD\n  사설: "[사설]"\n  인터뷰: 인터뷰\n');
    expect(read.ok && read.site.labels).toEqual({ '광고/협찬': 'AD', 사설: '[사설]', 인터뷰: '인터뷰' });
  });

  it('names a wrong labels: setting and its line: not a map, an unknown kind, an emptied required label, a huge one', () => {
    const message = (yaml: string) => {
      const read = site(yaml);
      return read.ok ? undefined : read.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    };
    expect(message('name: 시험일보\nlabels: [사설, 광고]\n')?.[0]).toMatch(/^_site\.yml:2: labels: "사설: 사설", "광고\/협찬: 광고"처럼/);
    expect(message('name: 시험일보\nlabels:\n  속보: 속보\n')).toEqual([
      '_site.yml:3: labels: "속보"는 기사 종류가 아닙니다 (기사, 사설, 칼럼, 기고, 인터뷰, 보도자료, 광고/협찬)',
    ]);
    expect(message('name: 시험일보\nlabels:\n  광고: ""\n')).toEqual([
      '_site.yml:3: labels의 광고/협찬: 비워 둘 수 없습니다 (독자가 기사와 구별할 수 있어야 합니다)',
    ]);
    expect(message(`name: 시험일보\nlabels:\n  사설: ${'가'.repeat(21)}\n`)).toEqual(['_site.yml:3: labels의 사설: 너무 깁니다 (최대 20자)']);
    expect(message('name: 시험일보\neditor: {name: 이서연}\n')?.[0]).toBe(
      '_site.yml:2: editor: 이름, 또는 "- name: …, area: …"(책임 분야) 항목의 목록이어야 합니다',
    );
  });
});
