// Lighthouse 12.2.3 (pinned: 13 needs Node 22) with Debian's Chromium, mobile, on a running server.
// Each page runs LIGHTHOUSE_RUNS times (default 3): one line per page with the median run (by
// performance score) and the spread of every figure over the runs, with the image and total bytes
// transferred (Lighthouse's `resource-summary`).
//   node bench/lighthouse.mjs http://127.0.0.1:3000 / /articles/some-slug
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import { median } from './support.mjs';

const [base = 'http://127.0.0.1:3000', ...paths] = process.argv.slice(2);
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const chrome = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const flags =
  '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync';

function lighthouse(url) {
  const out = `/tmp/lighthouse-${process.pid}-${Date.now()}.json`;
  execFileSync(
    'npx',
    [
      '-y',
      'lighthouse@12.2.3',
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,seo,best-practices',
      `--chrome-flags=${flags}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: chrome } },
  );
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const audit = (id) => report.audits[id]?.numericValue ?? 0;
  // Bytes transferred by type, as Lighthouse's `resource-summary` counts them (its network
  // records: compressed bytes on the wire, headers included).
  const transferred = (type) =>
    report.audits['resource-summary']?.details?.items?.find((i) => i.resourceType === type)
      ?.transferSize ?? 0;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcpMs: Math.round(audit('first-contentful-paint')),
    lcpMs: Math.round(audit('largest-contentful-paint')),
    cls: +audit('cumulative-layout-shift').toFixed(3),
    tbtMs: Math.round(audit('total-blocking-time')),
    imageKB: Math.round(transferred('image') / 1024),
    totalKB: Math.round(transferred('total') / 1024),
    // Lighthouse's own measure of this CPU (~1,000+ is the desktop its 4× throttling assumes).
    benchmarkIndex: Math.round(report.environment?.benchmarkIndex ?? 0),
    failing: Object.values(report.audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 0.9 &&
          a.scoreDisplayMode !== 'informative' &&
          a.scoreDisplayMode !== 'manual',
      )
      .map((a) => a.id),
  };
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART) on this machine: run it again. */
function lighthouseWithRetry(url, attempts = 3) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return lighthouse(url);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.error(`lighthouse ${url}: run failed (${attempt} of ${attempts}), trying again`);
    }
  }
}

for (const path of paths.length > 0 ? paths : ['/']) {
  const results = [];
  for (let i = 0; i < runs; i += 1) results.push(lighthouseWithRetry(new URL(path, base).toString()));
  results.sort((a, b) => a.performance - b.performance);
  const middle = results[Math.floor((results.length - 1) / 2)];
  const spread = (key) => {
    const values = results.map((r) => r[key]);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  console.log(
    JSON.stringify({
      path,
      runs,
      ...middle,
      spread: Object.fromEntries(
        ['performance', 'fcpMs', 'lcpMs', 'cls', 'tbtMs', 'imageKB', 'benchmarkIndex'].map((k) => [
          k,
          spread(k),
        ]),
      ),
    }),
  );
}
