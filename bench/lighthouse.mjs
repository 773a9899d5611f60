// Lighthouse 12.2.3 (pinned: 13 needs Node 22) with Debian's Chromium, mobile, on a running server:
//   node bench/lighthouse.mjs http://127.0.0.1:3000 / /articles/some-slug
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const [base = 'http://127.0.0.1:3000', ...paths] = process.argv.slice(2);
const chrome = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const flags =
  '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync';

for (const path of paths.length > 0 ? paths : ['/']) {
  const out = `/tmp/lighthouse-${Date.now()}.json`;
  execFileSync(
    'npx',
    [
      '-y',
      'lighthouse@12.2.3',
      new URL(path, base).toString(),
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,seo,best-practices',
      `--chrome-flags=${flags}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } },
  );
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const audit = (id) => report.audits[id]?.numericValue;
  console.log(
    JSON.stringify({
      path,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcpMs: Math.round(audit('largest-contentful-paint')),
      cls: +(audit('cumulative-layout-shift') ?? 0).toFixed(3),
      tbtMs: Math.round(audit('total-blocking-time')),
      failing: Object.values(report.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            a.scoreDisplayMode !== 'informative' &&
            a.scoreDisplayMode !== 'manual',
        )
        .map((a) => a.id)
        .slice(0, 12),
    }),
  );
  fs.rmSync(out, { force: true });
}
