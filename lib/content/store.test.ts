import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  decodeParam,
  getAdjacent,
  getArticle,
  getArticleForPreview,
  getArticles,
  getBreakingNews,
  getCategories,
  getCategory,
  getCategoryPage,
  getLeadArticle,
  getListingPage,
  getLiveCoverage,
  getMasthead,
  getPage,
  getRedirect,
  getRelated,
  getReporter,
  getTerm,
} from './testing/process-queries';
import { getContentStore } from './process-store';
import { formatProblem } from './snapshot';
import { assertContentValid } from './strict';

/** What the process's store says of the folder: its problems and how many files it read. */
const getSnapshot = () => ({ problems: getContentStore().getProblems(), fileCount: getContentStore().getFileCount() });
const getStaleBefore = (now?: number) => getContentStore().getStaleBefore(now);

let dir: string;

/** Forgets the in-process store, as a server restart would. */
function restart() {
  getContentStore().close();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.content-store')];
}

function write(relPath: string, content: string | Buffer) {
  const file = path.join(dir, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function article(title: string, extra = '') {
  return `---\ntitle: ${title}\n${extra}\n---\n본문 ${title}\n`;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-test-'));
  process.env.CONTENT_DIR = dir;
});

afterEach(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('content store', () => {
  it('reads articles at any depth, newest first', () => {
    write('a.md', article('하나', 'date: 2024-01-01'));
    write('2024/06/b.html', article('둘', 'date: 2024-06-01'));
    write('deep/er/still/c.markdown', article('셋', 'date: 2024-03-01'));
    expect(getArticles().map((a) => a.title)).toEqual(['둘', '셋', '하나']);
  });

  it('refuses two files with one slug, naming both, and publishes neither', () => {
    write('2024/same.md', article('A', 'date: 2024-01-01'));
    write('2025/same.md', article('B', 'date: 2025-01-01'));
    write('other.md', article('C', 'date: 2025-01-01'));
    expect(getArticles().map((a) => a.title)).toEqual(['C']);
    expect(getSnapshot().problems.map(formatProblem)).toEqual([
      '2024/same.md:1: error: slug "same"를 다른 파일도 씁니다: 2025/same.md (두 파일 모두 게시하지 않습니다)',
      '2025/same.md:1: error: slug "same"를 다른 파일도 씁니다: 2024/same.md (두 파일 모두 게시하지 않습니다)',
    ]);
  });

  it('keeps every other article working when one file is broken', () => {
    write('good.md', article('좋은 기사', 'date: 2024-01-01'));
    write('bad.md', '---\ntitle: [깨진\n---\n');
    expect(getArticles().map((a) => a.title)).toEqual(['좋은 기사']);
    const [problem] = getSnapshot().problems;
    expect(problem?.file).toBe('bad.md');
    expect(problem?.severity).toBe('error');
    expect(problem?.line).toBe(2);
  });

  it('ignores hidden files and editors’ temporary files without complaint', () => {
    write('a.md', article('A', 'date: 2024-01-01'));
    write('.a.md.swp', 'junk');
    write('a.md~', 'junk');
    write('.DS_Store', 'junk');
    write('.git/config.md', article('hidden'));
    write('#a.md#', 'junk');
    expect(getArticles()).toHaveLength(1);
    expect(getSnapshot().problems).toEqual([]);
  });

  it('reports files that are not articles rather than dropping them silently', () => {
    write('notes.txt', 'hello');
    expect(getSnapshot().problems.map(formatProblem)).toEqual([
      'notes.txt: warning: 기사 파일이 아니어서 건너뜁니다 (.md, .markdown, .html, .htm만 기사로 읽습니다)',
    ]);
  });

  it('reports legacy Korean encodings instead of showing mojibake', () => {
    // "---\ntitle: 한국\n---\n" in EUC-KR
    write('euc-kr.md', Buffer.concat([Buffer.from('---\ntitle: '), Buffer.from([0xc7, 0xd1, 0xb1, 0xb9]), Buffer.from('\n---\n')]));
    expect(getArticles()).toEqual([]);
    expect(getSnapshot().problems.map(formatProblem)).toEqual([
      'euc-kr.md:1:1: error: UTF-8 글자가 아닙니다 (EUC-KR 같은 옛 인코딩이면 UTF-8로 저장해 주세요)',
    ]);
  });

  it('refuses files over the size limit', () => {
    write('huge.md', article('큰 파일', 'date: 2024-01-01') + 'x'.repeat(1024 * 1024));
    expect(getArticles()).toEqual([]);
    expect(getSnapshot().problems[0]?.message).toMatch(/^파일이 너무 큽니다: /);
  });

  it('refuses links that lead out of the content folder', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.writeFileSync(path.join(outside, 'secret.md'), article('비밀', 'date: 2024-01-01'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'secret.md'));
    try {
      expect(getArticles()).toEqual([]);
      expect(getSnapshot().problems.map(formatProblem)).toEqual([
        'secret.md: error: content 폴더 밖을 가리키는 링크는 읽지 않습니다',
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('merges categories whose names differ only in case under one slug', () => {
    write('a.md', article('A', 'date: 2024-01-02\ncategories: News'));
    write('b.md', article('B', 'date: 2024-01-01\ncategories: news'));
    const page = getCategoryPage('news');
    expect(page?.articles.map((a) => a.title)).toEqual(['A', 'B']);
    expect(page?.term.name).toBe('News');
  });
});

describe('queries', () => {
  const now = new Date('2026-11-27T00:00:00Z');

  it('publishes neither drafts nor articles dated in the future', () => {
    write('live.md', article('게시', 'date: 2026-11-26'));
    write('draft.md', article('초안', 'date: 2026-11-26\ndraft: true'));
    write('future.md', article('예약', 'date: 2026-12-25'));
    expect(getArticles(now).map((a) => a.title)).toEqual(['게시']);
    expect(getArticle('draft', now)).toBeUndefined();
    expect(getArticle('future', now)).toBeUndefined();
    expect(getArticle('future', new Date('2026-12-26T00:00:00Z'))?.title).toBe('예약');
  });

  it('pages a tag like a category, under one name per slug, published articles only', () => {
    for (let i = 1; i <= 22; i += 1) {
      const day = String(i).padStart(2, '0');
      write(`t${i}.md`, article(`태그 기사 ${i}`, `date: 2024-01-${day}\ntags: [${i % 2 ? 'AI' : 'ai'}, 반도체]`));
    }
    write('draft.md', article('초안', 'date: 2024-02-01\ntags: [AI, 비밀태그]\ndraft: true'));
    const first = getListingPage('tag', 'ai', 1, now);
    expect(first?.term).toEqual({ name: 'AI', slug: 'ai' });
    expect(first?.articles).toHaveLength(20);
    expect(first?.articles[0]?.title).toBe('태그 기사 22');
    expect(getListingPage('tag', 'ai', 2, now)?.articles.map((a) => a.title)).toEqual(['태그 기사 2', '태그 기사 1']);
    expect(getListingPage('tag', '반도체', 1, now)?.total).toBe(22);
    expect(getTerm('tag', '비밀태그', now)).toBeUndefined();
    expect(getArticle('t2', now)?.tags.map((t) => t.name)).toEqual(['AI', '반도체']);
  });

  it('redirects old slugs to the article, refusing ones that are live or claimed twice', () => {
    write('new.md', article('새 주소', 'date: 2024-01-01\nredirect_from: [/2023/old-one/, old-two.html]'));
    write('live.md', article('살아 있는', 'date: 2024-01-01\nredirect_from: [new]'));
    write('a.md', article('가', 'date: 2024-01-01\nredirect_from: [shared]'));
    write('b.md', article('나', 'date: 2024-01-01\nredirect_from: [shared]'));
    expect(getRedirect('old-one')?.slug).toBe('new');
    expect(getRedirect('old-two')?.slug).toBe('new');
    expect(getRedirect('new')).toBeUndefined();
    expect(getRedirect('shared')).toBeUndefined();
    const errors = getSnapshot()
      .problems.filter((p) => p.severity === 'error')
      .map((p) => p.file)
      .sort();
    expect(errors).toEqual(['a.md', 'b.md', 'live.md']);
  });

  it('leads the home page with the newest pinned article, else the newest with an image', () => {
    write('old-top.md', article('옛 톱', 'date: 2024-01-01\ntop: true'));
    write('new-top.md', article('새 톱', 'date: 2024-02-01\ntop: true'));
    write('newest.md', article('최신', 'date: 2024-03-01\nimage: /a.png'));
    expect(getLeadArticle()?.title).toBe('새 톱');
    fs.rmSync(path.join(dir, 'new-top.md'));
    fs.rmSync(path.join(dir, 'old-top.md'));
    restart();
    expect(getLeadArticle()?.title).toBe('최신');
  });

  it('reads _pages/ as pages, never as articles, refusing slugs a route uses or two pages share', () => {
    write('news.md', article('기사', 'date: 2024-01-01'));
    write('_pages/about.md', '---\ntitle: 회사 소개\nupdated: 2024-02-01\n---\n소개\n');
    write('_pages/search.md', '---\ntitle: 검색 안내\n---\n안내\n');
    write('_pages/a.md', '---\ntitle: 가\nslug: same\n---\n가\n');
    write('_pages/b.md', '---\ntitle: 나\nslug: same\n---\n나\n');
    expect(getArticles().map((a) => a.title)).toEqual(['기사']);
    expect(getPage('about')?.title).toBe('회사 소개');
    expect(getPage('about')?.updated?.toISOString()).toBe('2024-01-31T15:00:00.000Z');
    expect(getPage('search')).toBeUndefined();
    expect(getPage('same')).toBeUndefined();
    const errors = getSnapshot()
      .problems.filter((p) => p.severity === 'error')
      .map(formatProblem)
      .sort();
    expect(errors).toEqual([
      '_pages/search.md:1: error: 페이지 주소 "/search"는 사이트가 쓰는 주소입니다 (slug를 바꾸세요)',
      '_pages/a.md:1: error: 페이지 주소 "/same"를 다른 파일도 씁니다: _pages/b.md (두 파일 모두 게시하지 않습니다)',
      '_pages/b.md:1: error: 페이지 주소 "/same"를 다른 파일도 씁니다: _pages/a.md (두 파일 모두 게시하지 않습니다)',
    ].sort());
  });

  it('reads the masthead from _site.yml, warns of each missing legal field, and keeps the last good one', async () => {
    write('_site.yml', 'name: 시험일보\nregistration_number: 서울, 아00001\npublisher: 김발행\nai_training: disallow\n');
    const masthead = getMasthead();
    expect(masthead.name).toBe('시험일보');
    expect(masthead.registrationNumber).toBe('서울, 아00001');
    expect(masthead.copyright).toBe('ⓒ 시험일보. 무단전재 및 재배포 금지 · AI 학습 이용 금지');
    const warnings = getSnapshot()
      .problems.filter((p) => p.file === '_site.yml')
      .map((p) => p.message);
    expect(warnings).toContain('등록일(registration_date)이 없습니다: 인터넷신문은 모든 페이지에 밝혀야 합니다');
    expect(warnings).toContain('청소년보호책임자(youth_protection_officer)이 없습니다: 인터넷신문은 모든 페이지에 밝혀야 합니다');
    expect(warnings.some((m) => m.startsWith('제호'))).toBe(false);

    write('_site.yml', 'name: [깨진\n');
    await vi.waitFor(
      () => expect(getSnapshot().problems.some((p) => p.file === '_site.yml' && p.severity === 'error')).toBe(true),
      { timeout: 3000 },
    );
    expect(getMasthead().name).toBe('시험일보');
  });

  it('turns author ids into bylines from reporters’ profiles; plain names stay as written', () => {
    write('_reporters/hong.yml', 'name: 홍길동\nrole: 선임기자\nemail: hong@example.com\n');
    write('_reporters/kim.yml', 'name: 김비공개\nemail: kim@example.com\nemail_public: false\n');
    write('_reporters/bad.yml', 'role: 기자\nemail: 주소아님\n');
    write('a.md', article('가', 'date: 2024-01-01\nauthor: [hong, 김비공개, 외부 필자]'));
    const found = getArticle('a');
    expect(found?.bylines).toEqual([
      { name: '홍길동', role: '선임기자', email: 'hong@example.com', reporterId: 'hong' },
      { name: '김비공개', role: '기자', email: undefined, reporterId: 'kim' },
      { name: '외부 필자' },
    ]);
    expect(found?.author).toBe('홍길동, 김비공개, 외부 필자');
    expect(getListingPage('reporters', 'hong')?.articles.map((a) => a.slug)).toEqual(['a']);
    expect(getReporter('hong')?.role).toBe('선임기자');
    const problems = getSnapshot()
      .problems.filter((p) => p.file === '_reporters/bad.yml')
      .map(formatProblem);
    expect(problems).toEqual([
      '_reporters/bad.yml:1: error: name: 기자 이름이 있어야 합니다 (필수 항목)',
      '_reporters/bad.yml:2: error: email: 전자우편 주소여야 합니다',
    ]);
  });

  it('gives a reporter with a profile a page before their first published article, without leaking drafts', () => {
    write('_reporters/new.yml', 'name: 신입기자\n');
    write('draft.md', article('초안', 'date: 2024-01-01\nauthor: new\ndraft: true'));
    const listing = getListingPage('reporters', 'new');
    expect(listing).toMatchObject({ term: { name: '신입기자', slug: 'new' }, total: 0, pageCount: 1, articles: [] });
    expect(getListingPage('reporters', 'new', 2)).toBeUndefined();
    expect(getListingPage('reporters', 'nobody')).toBeUndefined();
    expect(getListingPage('tag', 'new')).toBeUndefined();
  });

  it('attaches live updates from the article’s .live folder: pinned first, then newest, future ones hidden', async () => {
    write('2026/election.md', article('개표 방송', 'date: 2026-06-03 18:00\nlive: true\nlive_until: 2026-06-04 06:00'));
    write('2026/election.live/a.md', '---\ndate: 2026-06-03 19:00\ntitle: 출구조사\n---\n출구조사 결과');
    write('2026/election.live/b.md', '---\ndate: 2026-06-03 21:00\n---\n개표율 30%');
    write('2026/election.live/c.md', '---\ndate: 2026-06-03 18:30\npinned: true\nauthor: [홍길동]\n---\n안내');
    write('2026/election.live/later.md', '---\ndate: 2099-01-01 00:00\n---\n미래');
    write('2026/election.live/bad.md', '---\ntitle: 시각 없음\n---\n본문');
    write('2026/orphan.live/x.md', '---\ndate: 2026-06-03 19:00\n---\n고아');
    const found = getArticle('election');
    if (!found) throw new Error('article missing');
    const during = getLiveCoverage(found, new Date('2026-06-03T22:00:00+09:00'));
    expect(during?.isLive).toBe(true);
    expect(during?.updates.map((u) => u.id)).toEqual(['c', 'b', 'a']);
    expect(during?.updates[0]?.bylines).toEqual([{ name: '홍길동' }]);
    const after = getLiveCoverage(found, new Date('2026-06-05T00:00:00+09:00'));
    expect(after?.isLive).toBe(false);
    expect(after?.endedAt?.toISOString()).toBe('2026-06-03T21:00:00.000Z');
    expect(getArticles().some((a) => a.title === '시각 없음' || a.title === '고아')).toBe(false);
    const problems = getSnapshot().problems.map(formatProblem);
    expect(problems).toContain('2026/election.live/bad.md:1: error: date: 업데이트 시각이 없습니다 (필수 항목, 예: 2026-12-03 21:40)');
    expect(problems.some((p) => p.startsWith('2026/orphan.live/x.md:1: warning: 이 실시간 업데이트의 기사가 없습니다'))).toBe(true);

    // A new update changes the coverage's version, which open pages poll for.
    const before = getLiveCoverage(found, new Date('2026-06-03T22:00:00+09:00'))?.version;
    write('2026/election.live/d.md', '---\ndate: 2026-06-03 21:30\n---\n개표율 50%');
    await vi.waitFor(
      () => {
        const next = getArticle('election');
        expect(next && getLiveCoverage(next, new Date('2026-06-03T22:00:00+09:00'))?.version).not.toBe(before);
      },
      { timeout: 3000 },
    );
  });

  it('never lets a draft or a scheduled file take a published article’s slug', () => {
    write('2024/live.md', article('게시된 기사', 'date: 2024-01-01\nslug: same'));
    write('draft.md', article('초안', 'date: 2024-02-01\nslug: same\ndraft: true'));
    write('later.md', article('예약', 'date: 2099-01-01\nslug: same'));
    expect(getArticle('same')?.title).toBe('게시된 기사');
    const errors = getSnapshot().problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.file).sort()).toEqual(['draft.md', 'later.md']);
    expect(errors[0]?.message).toContain('2024/live.md');
  });

  it('keeps categories used only by unpublished articles out of every query', () => {
    write('live.md', article('게시', 'date: 2024-01-01\ncategories: 경제'));
    write('draft.md', article('초안', 'date: 2024-01-01\ncategories: 비밀\ndraft: true'));
    write('later.md', article('예약', 'date: 2099-01-01\ncategories: 예약분류'));
    expect(getCategory('경제')?.name).toBe('경제');
    for (const slug of ['비밀', '예약분류']) {
      expect(getCategory(slug)).toBeUndefined();
      expect(getCategoryPage(slug)).toBeUndefined();
    }
    expect(getCategories().map((c) => c.slug)).toEqual(['경제']);
    expect(getArticleForPreview('draft')?.title).toBe('초안');
  });

  it('strips control characters where the file is read, and says where they were', () => {
    write('ctl.md', `---\ntitle: "제목\\v입니다"\nexcerpt: 요약\u000c끝\ndate: 2024-01-01\n---\n본문\u000b\u0007입니다\n`);
    const found = getArticle('ctl');
    expect(found?.title).toBe('제목입니다');
    expect(found?.excerpt).toBe('요약끝');
    expect(found?.body).toBe('본문입니다\n');
    expect(getSnapshot().problems.map(formatProblem)).toContain(
      'ctl.md:3:12: warning: 보이지 않는 제어 문자를 지웠습니다 (워드프로세서에서 붙여 넣을 때 섞여 듭니다)',
    );
  });

  it('answers from memory between schedule boundaries, and changes exactly when one passes', () => {
    write('live.md', article('게시', 'date: 2026-11-26\ncategories: [경제]'));
    write('later.md', article('예약', 'date: 2026-11-28 09:00\ncategories: [경제]\nbreaking: true\nbreaking_until: 2026-11-28 12:00'));
    const before = new Date('2026-11-27T23:59:00Z');
    expect(getCategories(1, before)).toBe(getCategories(1, new Date('2026-11-27T00:00:00Z')));
    expect(getArticles(before).map((a) => a.title)).toEqual(['게시']);
    const published = new Date('2026-11-28T00:00:00Z');
    expect(getCategories(1, published)).not.toBe(getCategories(1, before));
    expect(getCategories(1, published)[0]).toMatchObject({ count: 2, latest: [{ title: '예약' }] });
    expect(getArticles(published).map((a) => a.title)).toEqual(['예약', '게시']);
    expect(getBreakingNews(published).map((a) => a.title)).toEqual(['예약']);
    expect(getBreakingNews(new Date('2026-11-28T03:00:00Z'))).toEqual([]);
  });

  it('lists current breaking news newest first, leaving expired and unmarked items out', () => {
    write('old.md', article('지난 속보', 'date: 2026-11-20\nbreaking: true\nbreaking_until: 2026-11-21'));
    write('a.md', article('속보 A', 'date: 2026-11-25\nbreaking: true'));
    write('b.md', article('속보 B', 'date: 2026-11-26\nbreaking: true\nbreaking_until: 2026-11-28'));
    write('plain.md', article('일반', 'date: 2026-11-26'));
    expect(getBreakingNews(now).map((a) => a.title)).toEqual(['속보 B', '속보 A']);
  });

  it('pages a category 20 at a time, newest first', () => {
    for (let i = 1; i <= 25; i += 1) {
      write(`p${i}.md`, article(`기사 ${i}`, `date: 2026-01-${String(i).padStart(2, '0')}\ncategories: 경제`));
    }
    write('other.md', article('다른 분야', 'date: 2026-02-01\ncategories: 사회'));
    const first = getCategoryPage('경제', 1, now);
    expect(first?.articles).toHaveLength(20);
    expect(first?.articles[0]?.title).toBe('기사 25');
    expect(first?.pageCount).toBe(2);
    const second = getCategoryPage('경제', 2, now);
    expect(second?.articles.map((a) => a.title)).toEqual(['기사 5', '기사 4', '기사 3', '기사 2', '기사 1']);
    expect(getCategoryPage('경제', 3, now)).toBeUndefined();
    expect(getCategoryPage('없는-분류', 1, now)).toBeUndefined();
  });

  it('finds related articles in the same category and the neighbours in time', () => {
    write('a.md', article('A', 'date: 2026-01-01\ncategories: 경제'));
    write('b.md', article('B', 'date: 2026-01-02\ncategories: 사회'));
    write('c.md', article('C', 'date: 2026-01-03\ncategories: 경제'));
    const b = getArticle('b', now);
    const a = getArticle('a', now);
    if (!a || !b) throw new Error('fixtures missing');
    expect(getRelated(a, 4, now).map((x) => x.title)).toEqual(['C']);
    expect(getAdjacent(b, now)).toMatchObject({ newer: { title: 'C' }, older: { title: 'A' } });
  });

  it('decodes percent-encoded Hangul params and survives bad escapes', () => {
    expect(decodeParam('%EA%B2%BD%EC%A0%9C')).toBe('경제');
    expect(decodeParam('%E0%A4%A')).toBe('%E0%A4%A');
  });
});

describe('live changes', () => {
  it('sees added, edited and deleted files without a restart, and moves the stale-before clock', async () => {
    write('a.md', article('처음', 'date: 2024-01-01'));
    expect(getArticles().map((a) => a.title)).toEqual(['처음']);
    const before = Date.now();

    write('b.md', article('새 기사', 'date: 2024-02-01'));
    await vi.waitFor(() => expect(getArticles().map((a) => a.title)).toEqual(['새 기사', '처음']), { timeout: 3000 });
    expect(getStaleBefore()).toBeGreaterThanOrEqual(before);

    write('a.md', article('고친 제목', 'date: 2024-01-01'));
    await vi.waitFor(() => expect(getArticles().map((a) => a.title)).toEqual(['새 기사', '고친 제목']), { timeout: 3000 });

    fs.rmSync(path.join(dir, 'b.md'));
    await vi.waitFor(() => expect(getArticles().map((a) => a.title)).toEqual(['고친 제목']), { timeout: 3000 });
  });

  it('follows folders that are added, renamed and removed, and files renamed into a new kind', async () => {
    write('a.md', article('처음', 'date: 2024-01-01'));
    expect(getArticles().map((a) => a.title)).toEqual(['처음']);
    const titles = () => getArticles().map((a) => a.title);

    write('2024/05/b.md', article('새 폴더의 기사', 'date: 2024-05-01'));
    await vi.waitFor(() => expect(titles()).toEqual(['새 폴더의 기사', '처음']), { timeout: 3000 });

    fs.renameSync(path.join(dir, '2024'), path.join(dir, 'archive'));
    await vi.waitFor(() => expect(getArticles().map((a) => a.source.path)).toEqual(['archive/05/b.md', 'a.md']), {
      timeout: 3000,
    });

    fs.renameSync(path.join(dir, 'a.md'), path.join(dir, 'a.txt'));
    await vi.waitFor(() => expect(titles()).toEqual(['새 폴더의 기사']), { timeout: 3000 });
    await vi.waitFor(() => expect(getSnapshot().problems.map((p) => p.file)).toContain('a.txt'), { timeout: 3000 });

    fs.rmSync(path.join(dir, 'archive'), { recursive: true });
    await vi.waitFor(() => expect(titles()).toEqual([]), { timeout: 3000 });
  });

  it('keeps the last good version while a file is being written', async () => {
    write('a.md', article('완성된 기사', 'date: 2024-01-01'));
    expect(getArticles().map((a) => a.title)).toEqual(['완성된 기사']);
    write('a.md', '---\ntitle: 반쯤');
    // Just written: still settling, so readers keep the last good version.
    expect(getArticles().map((a) => a.title)).toEqual(['완성된 기사']);
    await vi.waitFor(() => expect(getArticles()).toEqual([]), { timeout: 3000 });
  });

  it('moves the stale-before clock when a scheduled article’s time passes', () => {
    write('later.md', article('예약', 'date: 2099-12-01 09:00'));
    write('now.md', article('지금', 'date: 2099-11-01 09:00'));
    getSnapshot();
    expect(getStaleBefore(Date.parse('2099-11-15T00:00:00Z'))).toBe(Date.parse('2099-11-01T00:00:00Z'));
    expect(getStaleBefore(Date.parse('2099-12-02T00:00:00Z'))).toBe(Date.parse('2099-12-01T00:00:00Z'));
  });

  it('after a restart, treats pages cached before the newest file or folder change as stale', () => {
    write('a.md', article('A', 'date: 2024-01-01'));
    getSnapshot();
    const folderTime = Date.parse('2030-01-01T00:00:00Z') / 1000;
    fs.utimesSync(dir, folderTime, folderTime);
    restart();
    expect(getStaleBefore()).toBe(folderTime * 1000);
  });

  it('after a restart on another content folder, treats everything cached before as stale', () => {
    write('a.md', article('A', 'date: 2024-01-01'));
    const before = Date.now();
    restart();
    expect(getStaleBefore()).toBeGreaterThanOrEqual(before);
  });
});

describe('the build', () => {
  afterEach(() => {
    delete process.env.NEXT_PHASE;
    delete process.env.CONTENT_STRICT;
    restart();
  });

  it('reads no content, and what it prerendered is stale at the server’s first read', () => {
    write('a.md', article('A', 'date: 2024-01-01'));
    const written = Date.parse('2024-01-02T00:00:00Z') / 1000;
    fs.utimesSync(path.join(dir, 'a.md'), written, written);
    fs.utimesSync(dir, written, written);
    getSnapshot();
    restart();
    // A restart on the same folder keeps the pages cached from it.
    expect(getStaleBefore()).toBe(written * 1000);

    process.env.NEXT_PHASE = 'phase-production-build';
    restart();
    expect(getArticles()).toEqual([]);
    expect(getSnapshot().fileCount).toBe(0);

    delete process.env.NEXT_PHASE;
    const started = Date.now();
    restart();
    expect(getArticles().map((a) => a.title)).toEqual(['A']);
    expect(getStaleBefore()).toBeGreaterThanOrEqual(started);
  });

  it('still checks every file in strict mode, and fails naming the broken one', () => {
    write('good.md', article('좋은 기사', 'date: 2024-01-01'));
    process.env.NEXT_PHASE = 'phase-production-build';
    process.env.CONTENT_STRICT = '1';
    expect(() => assertContentValid()).not.toThrow();
    write('2024/bad.md', '---\ntitle: [깨진\n---\n');
    expect(() => assertContentValid()).toThrow(/2024\/bad\.md:2/);
  });
});

