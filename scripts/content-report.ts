// The partnership report: every published article of a span of months as CSV (UTF-8 with BOM),
// and monthly counts by kind and desk, read with the site's own rules.
//   npm run content:report -- --from 2025-12 --to 2026-11 [--json] [--out report.csv] [folder]
import fs from 'node:fs';
import path from 'node:path';

import { readFolderView } from '@/lib/content/check';
import {
  countByMonth,
  formatCounts,
  getReportRows,
  parseReportArgs,
  toReportCsv,
} from '@/lib/report/partnership-report';
import { getContentDir, getSiteSettings } from '@/lib/site';

const args = parseReportArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.message);
  process.exit(2);
}
const { from, to, json, out, folder } = args.options;
const root = folder ? path.resolve(folder) : getContentDir();
if (!fs.existsSync(root)) {
  console.error(`콘텐츠 폴더가 없습니다: ${root}`);
  process.exit(2);
}
if (!fs.statSync(root).isDirectory()) {
  console.error(`콘텐츠 폴더가 아닙니다 (파일입니다): ${root}`);
  process.exit(2);
}

const { view, close } = readFolderView(root, new Date(), getSiteSettings());
let rows;
try {
  rows = getReportRows(view, from, to);
} finally {
  close();
}
const file = path.resolve(out ?? `partnership-report-${from}-${to}.csv`);
try {
  fs.writeFileSync(file, toReportCsv(rows));
} catch (error) {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  console.error(
    `CSV 파일을 쓸 수 없습니다: ${file} (${reason}; --out에 쓸 수 있는 파일 경로를 주세요)`,
  );
  process.exit(2);
}
const counts = countByMonth(rows);
if (json) {
  console.log(JSON.stringify({ from, to, csv: file, rows: rows.length, ...counts }, null, 2));
} else {
  console.log(formatCounts(from, to, counts));
  const shown = path.relative(process.cwd(), file);
  console.log(`\nCSV: ${shown.startsWith('..') ? file : shown} (${rows.length}행)`);
}
