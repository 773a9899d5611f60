// The partnership report (포털 제휴 심사): every published article of a span of months, with its
// link, title, reporters, Korea time, desk, kind and source, as CSV for Excel, and monthly counts
// of the newsroom's own reporting (자체기사) against carried, press-release and sponsored items.
import { stringify } from 'csv-stringify/sync';

import { eachArticle, type Article, type ContentView } from '@/lib/content';
import { toKstIso } from '@/lib/format';
import { absoluteUrl, articlePath } from '@/lib/paths';

/** What `npm run content:report` was asked for. */
export interface ReportOptions {
  /** First and last month, `YYYY-MM`, both included, in Korea time. */
  from: string;
  to: string;
  json: boolean;
  /** Where the CSV goes; `partnership-report-<from>-<to>.csv` in the working folder when not given. */
  out?: string;
  /** The content folder; the site's (`CONTENT_DIR`, else `content/`) when not given. */
  folder?: string;
}

export type ReportArgs = { ok: true; options: ReportOptions } | { ok: false; message: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const USAGE =
  '사용법: npm run content:report -- --from 2025-12 --to 2026-11 [--json] [--out 파일.csv] [콘텐츠 폴더]';

/** Reads the command line; a mistake is one Korean sentence (the script exits 2 with it). */
export function parseReportArgs(args: readonly string[]): ReportArgs {
  const values: Partial<Record<'from' | 'to' | 'out', string>> = {};
  let json = false;
  let folder: string | undefined;
  const fail = (message: string): ReportArgs => ({ ok: false, message: `${message}\n${USAGE}` });
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [name, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string | undefined])
      : [arg, undefined];
    const key =
      name === '--from' ? 'from' : name === '--to' ? 'to' : name === '--out' ? 'out' : undefined;
    if (!key) {
      if (arg.startsWith('-')) return fail(`알 수 없는 옵션입니다: ${arg}`);
      if (folder !== undefined) return fail(`콘텐츠 폴더는 하나만 줄 수 있습니다: ${arg}`);
      folder = arg;
      continue;
    }
    const value = inline ?? args[i + 1];
    if (inline === undefined) i += 1;
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      if (inline === undefined && value !== undefined) i -= 1;
      return fail(`${name}에 값이 없습니다`);
    }
    if (values[key] !== undefined) return fail(`${name}를 두 번 주었습니다`);
    values[key] = value;
  }
  const { from, to, out } = values;
  if (from === undefined) return fail('--from이 없습니다 (첫 달, 예: --from 2025-12)');
  if (to === undefined) return fail('--to가 없습니다 (마지막 달, 예: --to 2026-11)');
  for (const [name, month] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (!MONTH.test(month))
      return fail(
        `${name}: "${month.slice(0, 40)}"은(는) 올바른 달이 아닙니다 (YYYY-MM, 예: 2025-12)`,
      );
  }
  if (from > to) return fail(`--from(${from})이 --to(${to})보다 뒤입니다`);
  return { ok: true, options: { from, to, json, out, folder } };
}

/** The moments a span of months starts and ends (exclusive), in Korea time (UTC+9, no daylight saving). */
export function toMonthSpan(from: string, to: string): { start: Date; end: Date } {
  const at = (month: string, next: number) => {
    const [, year = '0', number = '1'] = MONTH.exec(month) ?? [];
    // setUTCFullYear, not Date.UTC: that reads years 0–99 as 1900–1999 (--from 0050-01 was 1950).
    const first = new Date(0);
    first.setUTCFullYear(Number(year), Number(number) - 1 + next, 1);
    return new Date(first.getTime() - 9 * 3600_000);
  };
  return { start: at(from, 0), end: at(to, 1) };
}

/** The article's kind (`kind:`; 기사 when the file names none). */
export const reportKind = (article: Article): string => article.kind;

/** The agency it was carried from (`source:`), or '' for the newsroom's own. */
export const reportSource = (article: Article): string => article.agency ?? '';

/** How partnership reviews count an article. */
export type ReportOrigin = '자체기사' | '전재' | '보도자료' | '광고/협찬';
export const REPORT_ORIGINS: readonly ReportOrigin[] = [
  '자체기사',
  '전재',
  '보도자료',
  '광고/협찬',
];

/**
 * 광고/협찬 and 보도자료 by their kind, whoever wrote them; otherwise 전재 when carried from an
 * agency (`source:`), and 자체기사 (기사, 인터뷰, 사설, 칼럼, 기고) when not.
 */
export function toOrigin(kind: string, source: string): ReportOrigin {
  if (kind === '광고/협찬') return '광고/협찬';
  if (kind === '보도자료') return '보도자료';
  return source ? '전재' : '자체기사';
}

/** One article as a row of the report. */
export interface ReportRow {
  link: string;
  title: string;
  reporters: string;
  /** Korea time, `YYYY-MM-DD HH:mm`. */
  time: string;
  month: string;
  categories: string;
  /** The first category: the desk the article is counted under. */
  desk: string;
  kind: string;
  source: string;
  origin: ReportOrigin;
}

/** Where an article without a category is counted. */
export const NO_DESK = '(분류 없음)';

function toRow(view: ContentView, article: Article): ReportRow {
  const iso = toKstIso(article.published);
  const kind = reportKind(article);
  const source = reportSource(article);
  return {
    link: absoluteUrl(view, articlePath(article.slug)),
    title: article.title,
    reporters: article.bylines.map((b) => b.name).join(', '),
    time: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`,
    month: iso.slice(0, 7),
    categories: article.categories.map((c) => c.name).join(', '),
    desk: article.categories[0]?.name ?? NO_DESK,
    kind,
    source,
    origin: toOrigin(kind, source),
  };
}

/**
 * Every article published in the span at the view's moment, oldest first: the site's own
 * published-only query (no draft, nothing scheduled after `now`), read a batch at a time.
 */
export function getReportRows(view: ContentView, from: string, to: string): ReportRow[] {
  const { start, end } = toMonthSpan(from, to);
  const rows: ReportRow[] = [];
  for (const article of eachArticle(view, { since: start.getTime() })) {
    if (article.published.getTime() < end.getTime()) rows.push(toRow(view, article));
  }
  return rows.reverse();
}

/** One month's counts: in all, by origin, by kind and by desk. */
export interface MonthCounts {
  month: string;
  total: number;
  origins: Record<ReportOrigin, number>;
  kinds: Record<string, number>;
  desks: Record<string, number>;
}

/** The counts of each month that has articles, in order, and of the whole span. */
export function countByMonth(rows: readonly ReportRow[]): {
  months: MonthCounts[];
  all: MonthCounts;
} {
  const empty = (month: string): MonthCounts => ({
    month,
    total: 0,
    origins: { 자체기사: 0, 전재: 0, 보도자료: 0, '광고/협찬': 0 },
    // Without a prototype: a desk named `constructor` or `__proto__` is counted like any other.
    kinds: Object.create(null) as Record<string, number>,
    desks: Object.create(null) as Record<string, number>,
  });
  const months = new Map<string, MonthCounts>();
  const all = empty('전체');
  for (const row of rows) {
    let month = months.get(row.month);
    if (!month) months.set(row.month, (month = empty(row.month)));
    for (const counts of [month, all]) {
      counts.total += 1;
      counts.origins[row.origin] += 1;
      counts.kinds[row.kind] = (counts.kinds[row.kind] ?? 0) + 1;
      counts.desks[row.desk] = (counts.desks[row.desk] ?? 0) + 1;
    }
  }
  return { months: [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1)), all };
}

/** The CSV's columns, as the header names them. */
export const CSV_HEADER = [
  '링크',
  '제목',
  '기자',
  '입력 시각(KST)',
  '분야',
  '종류',
  '출처',
  '구분',
] as const;

/**
 * A cell Excel or LibreOffice would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first) gets a leading apostrophe: shown as text, never run (OWASP's CSV injection advice).
 */
export function toSafeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The rows as CSV (RFC 4180: CRLF, fields with a comma, quote or line break quoted, quotes
 * doubled) in UTF-8 with a byte-order mark, so Excel opens Hangul correctly.
 */
export function toReportCsv(rows: readonly ReportRow[]): string {
  const records = rows.map((r) =>
    [r.link, r.title, r.reporters, r.time, r.categories, r.kind, r.source, r.origin].map(
      toSafeCell,
    ),
  );
  // quoted_match: with CRLF records the library quotes only a field holding CRLF; a lone CR or LF
  // would otherwise end the record in Excel and in Python's csv.
  return stringify([[...CSV_HEADER], ...records], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'ko'))
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');

/** The counts as the terminal shows them: one block per month, then the span's totals. */
export function formatCounts(
  from: string,
  to: string,
  counts: ReturnType<typeof countByMonth>,
): string {
  const lines = [`${from} ~ ${to} 게시 기사 ${counts.all.total}건`];
  for (const month of [...counts.months, counts.all]) {
    const origins = REPORT_ORIGINS.map((origin) => `${origin} ${month.origins[origin]}`).join(
      ' · ',
    );
    lines.push(
      '',
      `${month.month}: ${month.total}건 (${origins})`,
      `  종류별: ${list(month.kinds) || '-'}`,
      `  분야별: ${list(month.desks) || '-'}`,
    );
  }
  return lines.join('\n');
}
