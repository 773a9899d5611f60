import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { listArticles } from '@/lib/content';
import { parseFrontMatter } from '@/lib/content/parse';
import { toArticle } from '@/lib/content/schema';
import type { SourceFile } from '@/lib/content/snapshot';
import { viewOfFiles } from '@/lib/content/view';

import {
  countByMonth,
  formatCounts,
  getReportRows,
  parseReportArgs,
  toMonthSpan,
  toOrigin,
  toReportCsv,
  type ReportRow,
} from './partnership-report';

const NOW = new Date('2026-11-27T12:00:00+09:00');

function file(name: string, frontMatter: string): SourceFile {
  const parsed = parseFrontMatter(`---\ntitle: ${name}\n${frontMatter}\n---\n본문\n`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const source = { path: `${name}.md`, size: 1, mtimeMs: 1 };
  return {
    entry: { path: source.path, absolute: `/nowhere/${source.path}`, kind: 'article' },
    result: toArticle(parsed.value, source, NOW),
  };
}

/** Reads CSV with Python's csv module: a parser that is not ours. */
function parseCsv(text: string): string[][] {
  const script =
    'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))';
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script], { input: text }).toString('utf8'),
  ) as string[][];
}

const row = (over: Partial<ReportRow>): ReportRow => ({
  link: 'https://news.example.kr/articles/a',
  title: '제목',
  reporters: '김서연',
  time: '2026-11-26 10:20',
  month: '2026-11',
  categories: '경제',
  desk: '경제',
  kind: '기사',
  source: '',
  origin: '자체기사',
  ...over,
});

describe('content:report arguments', () => {
  it('reads the span, --json, --out and a folder, in either spelling', () => {
    expect(parseReportArgs(['--from', '2025-12', '--to', '2026-11'])).toEqual({
      ok: true,
      options: { from: '2025-12', to: '2026-11', json: false, out: undefined, folder: undefined },
    });
    expect(
      parseReportArgs(['--from=2025-12', '--to=2025-12', '--json', '--out', 'a.csv', 'content']),
    ).toMatchObject({
      ok: true,
      options: { from: '2025-12', to: '2025-12', json: true, out: 'a.csv', folder: 'content' },
    });
  });

  it.each([
    [['--from', '2026-13', '--to', '2026-12'], '--from: "2026-13"은(는) 올바른 달이 아닙니다'],
    [['--from', '2026-1', '--to', '2026-12'], '--from: "2026-1"은(는) 올바른 달이 아닙니다'],
    [['--from', '2026-01', '--to', '26-12'], '--to: "26-12"은(는) 올바른 달이 아닙니다'],
    [['--from', '2026-11', '--to', '2025-12'], '--from(2026-11)이 --to(2025-12)보다 뒤입니다'],
    [['--from', '--to', '2026-11'], '--from에 값이 없습니다'],
    [['--from', '2025-12', '--to'], '--to에 값이 없습니다'],
    [['--from=', '--to', '2026-11'], '--from에 값이 없습니다'],
    [['--to', '2026-11'], '--from이 없습니다'],
    [['--from', '2025-12'], '--to가 없습니다'],
    [['--from', '2025-12', '--to', '2026-11', '--out'], '--out에 값이 없습니다'],
    [['--from', '2025-12', '--from', '2026-01', '--to', '2026-11'], '--from를 두 번 주었습니다'],
    [['--from', '2025-12', '--to', '2026-11', '--csv'], '알 수 없는 옵션입니다: --csv'],
  ])('refuses %j: %s', (args, message) => {
    const result = parseReportArgs(args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(message);
      expect(result.message).toContain('사용법: npm run content:report');
    }
  });
});

describe('the report rows', () => {
  it('spans whole months in Korea time', () => {
    const { start, end } = toMonthSpan('2025-12', '2026-11');
    expect(start.toISOString()).toBe('2025-11-30T15:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    // Years before 100 are those years, not 1900s (the attack review's --from 0050-01 was 1950).
    expect(toMonthSpan('0050-01', '0050-12').start.getUTCFullYear()).toBe(49);
    expect(toMonthSpan('0050-01', '0099-12').end.toISOString()).toBe('0099-12-31T15:00:00.000Z');
  });

  it('lists exactly the published articles of the span, oldest first, with Korea time', () => {
    const view = viewOfFiles(
      [
        file('before', 'date: 2025-11-30 23:59\ncategories: 경제'),
        file('first', 'date: 2025-12-01 00:00\ncategories: [경제, 정치]\nauthor: [김서연, 박준호]'),
        file('last', 'date: 2026-11-27 11:00'),
        file('draft', 'date: 2026-03-01\ndraft: true'),
        file('scheduled', 'date: 2026-11-29 09:00'),
        file('after', 'date: 2026-12-01 00:00'),
      ],
      NOW,
    );
    const rows = getReportRows(view, '2025-12', '2026-11');
    expect(rows.map((r) => r.title)).toEqual(['first', 'last']);
    expect(rows[0]).toMatchObject({
      time: '2025-12-01 00:00',
      month: '2025-12',
      reporters: '김서연, 박준호',
      categories: '경제, 정치',
      desk: '경제',
      kind: '기사',
      source: '',
      origin: '자체기사',
    });
    expect(rows[0]?.link).toMatch(/^https?:\/\/[^/]+\/articles\/first$/);
    expect(rows[1]).toMatchObject({ desk: '(분류 없음)' });
    // The scheduled article joins the report at its time, as it joins the site.
    const later = viewOfFiles(
      [file('scheduled', 'date: 2026-11-29 09:00')],
      new Date('2026-11-29T09:00:00+09:00'),
    );
    expect(getReportRows(later, '2026-11', '2026-11').map((r) => r.title)).toEqual(['scheduled']);
    expect(listArticles(later, {}, 10).map((a) => a.title)).toEqual(['scheduled']);
  });

  it('reads kind and agency from the front matter, 기사 of the newsroom’s own without them', () => {
    const view = viewOfFiles([file('a', 'date: 2026-11-01'), file('b', 'date: 2026-11-02\nkind: 보도자료\nsource: 연합뉴스')], NOW);
    const rows = getReportRows(view, '2026-11', '2026-11');
    expect(rows.map((r) => [r.title, r.kind, r.source, r.origin])).toEqual([
      ['a', '기사', '', '자체기사'],
      ['b', '보도자료', '연합뉴스', '보도자료'],
    ]);
  });

  it('counts own reporting against carried, press-release and sponsored items', () => {
    expect(toOrigin('기사', '')).toBe('자체기사');
    expect(toOrigin('인터뷰', '')).toBe('자체기사');
    expect(toOrigin('사설', '')).toBe('자체기사');
    expect(toOrigin('기사', '연합뉴스')).toBe('전재');
    expect(toOrigin('보도자료', '')).toBe('보도자료');
    expect(toOrigin('보도자료', '뉴시스')).toBe('보도자료');
    expect(toOrigin('광고/협찬', '')).toBe('광고/협찬');
    const counts = countByMonth([
      row({ month: '2026-10' }),
      row({ month: '2026-11', kind: '보도자료', origin: '보도자료', desk: '사회' }),
      row({ month: '2026-11', source: '연합뉴스', origin: '전재' }),
    ]);
    expect(counts.months.map((m) => [m.month, m.total])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
    expect(counts.months[1]).toMatchObject({
      origins: { 자체기사: 0, 전재: 1, 보도자료: 1, '광고/협찬': 0 },
      kinds: { 보도자료: 1, 기사: 1 },
      desks: { 사회: 1, 경제: 1 },
    });
    expect(counts.all).toMatchObject({ total: 3, origins: { 자체기사: 1, 전재: 1, 보도자료: 1 } });
  });

  it('counts a desk named like an Object property (constructor, __proto__) as any other desk', () => {
    const counts = countByMonth([
      row({ desk: 'constructor' }),
      row({ desk: 'constructor' }),
      row({ desk: '__proto__' }),
      row({ desk: 'toString' }),
    ]);
    expect(JSON.parse(JSON.stringify(counts.all.desks))).toEqual({ constructor: 2, ['__proto__']: 1, toString: 1 });
    expect(formatCounts('2026-11', '2026-11', counts)).toContain('분야별: constructor 2 · __proto__ 1 · toString 1');
  });
});

describe('the report CSV', () => {
  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    const csv = toReportCsv([row({})]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')).toEqual([
      '링크,제목,기자,입력 시각(KST),분야,종류,출처,구분',
      'https://news.example.kr/articles/a,제목,김서연,2026-11-26 10:20,경제,기사,,자체기사',
      '',
    ]);
  });

  it('keeps commas, quotes and line breaks inside their cell', () => {
    const title = '한은 "동결", 시장은\n"인하" 기대\r\n둘째 줄';
    const csv = toReportCsv([row({ title, reporters: '김서연, 박준호' })]);
    const [header, record] = parseCsv(csv.slice(1));
    expect(header).toHaveLength(8);
    expect(record?.[1]).toBe(title);
    expect(record?.[2]).toBe('김서연, 박준호');
  });

  it('never lets a spreadsheet read a cell as a formula', () => {
    const cells = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const csv = toReportCsv(cells.map((title) => row({ title, source: title })));
    const records = parseCsv(csv.slice(1)).slice(1);
    expect(records.map((r) => r[1])).toEqual(cells.map((c) => `'${c}`));
    expect(records.map((r) => r[6])).toEqual(cells.map((c) => `'${c}`));
    // A title that only contains such a character is left as written.
    expect(parseCsv(toReportCsv([row({ title: '1+1=2' })]).slice(1))[1]?.[1]).toBe('1+1=2');
  });
});

const run = promisify(execFile);

async function report(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return reportWith('https://news.example.kr', ...args);
}

/** Runs the script as an operator would, with `SITE_URL` set to `siteUrl`. */
async function reportWith(
  siteUrl: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/content-report.ts', ...args], {
      env: { ...process.env, SITE_URL: siteUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run content:report', () => {
  it('exits 2 with a Korean message on a bad argument, writing nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const out = path.join(dir, 'r.csv');
    const { code, stderr } = await report('--from', '2026-13', '--to', '2026-12', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('--from: "2026-13"은(는) 올바른 달이 아닙니다');
    expect(fs.existsSync(out)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('says in Korean when --out is a folder or cannot be written, or the content folder is a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: 기사\ndate: 2026-11-02 08:00\n---\n본문\n');
    const span = ['--from', '2026-11', '--to', '2026-11'];
    const folder = await report(...span, '--out', dir, dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`CSV 파일을 쓸 수 없습니다: ${dir}`);
    expect(folder.stderr).not.toMatch(/\n\s+at /);
    const missing = path.join(dir, 'no', 'such', 'r.csv');
    const unwritable = await report(...span, '--out', missing, dir);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain(`CSV 파일을 쓸 수 없습니다: ${missing}`);
    const notFolder = await report(...span, '--out', path.join(dir, 'r.csv'), path.join(dir, 'a.md'));
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('콘텐츠 폴더가 아닙니다');
    expect(fs.existsSync(path.join(dir, 'r.csv'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('writes the CSV and prints the counts as JSON, links on SITE_URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    fs.writeFileSync(
      path.join(dir, 'a.md'),
      '---\ntitle: "=HYPERLINK(\\"x\\")"\ndate: 2026-11-02 08:00\ncategories: 경제\n---\n본문\n',
    );
    fs.writeFileSync(
      path.join(dir, 'b.md'),
      '---\ntitle: 초안\ndate: 2026-11-03\ndraft: true\n---\n본문\n',
    );
    const out = path.join(dir, 'r.csv');
    const { code, stdout } = await report(
      '--from',
      '2026-11',
      '--to',
      '2026-11',
      '--json',
      '--out',
      out,
      dir,
    );
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as {
      rows: number;
      months: { month: string; total: number }[];
    };
    expect(printed).toMatchObject({ rows: 1, months: [{ month: '2026-11', total: 1 }] });
    const [, record] = parseCsv(fs.readFileSync(out, 'utf8').slice(1));
    expect(record).toEqual([
      'https://news.example.kr/articles/a',
      '\'=HYPERLINK("x")',
      '',
      '2026-11-02 08:00',
      '경제',
      '기사',
      '',
      '자체기사',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("ignores an unusable SITE_URL, says so, and links on _site.yml's url", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    fs.writeFileSync(path.join(dir, '_site.yml'), 'name: 시험일보\nurl: https://site.example.kr\n');
    fs.writeFileSync(
      path.join(dir, 'a.md'),
      '---\ntitle: 기사\ndate: 2026-11-02 08:00\n---\n본문\n',
    );
    const out = path.join(dir, 'r.csv');
    const { code, stderr } = await reportWith(
      'ftp://news.example.kr',
      '--from',
      '2026-11',
      '--to',
      '2026-11',
      '--out',
      out,
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toContain(
      'SITE_URL "ftp://news.example.kr"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다',
    );
    expect(parseCsv(fs.readFileSync(out, 'utf8').slice(1))[1]?.[0]).toBe(
      'https://site.example.kr/articles/a',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
