// Serving, on loopback, in one run: `next start` (cached article, home, category, search), the
// same article's saved HTML served by nginx as a static file (the physical limit), and nginx with
// deploy/nginx.conf caching in front of next start. Then first views of never-rendered archive
// articles (time to first byte). Build first against the same corpus:
//   npm run bench:build -- bench/out/corpus-10k && node bench/serve.mjs bench/out/corpus-10k
import fs from 'node:fs';
import path from 'node:path';

import { startLocalNginx } from '../deploy/local-nginx.mjs';

import { hasWrk, load, median, root, rssMiB, startNext, waitFor } from './support.mjs';

const corpus = path.resolve(process.argv[2] ?? 'bench/out/corpus-10k');
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const NEXT_PORT = 3200;
const STATIC_PORT = 3201;
const PROXY_PORT = 3202;
const work = fs.mkdtempSync('/tmp/bench-serve-');
// nginx's workers drop to an unprivileged user: let them read the page and write the cache.
fs.chmodSync(work, 0o755);
const children = [];
let stopNginx = () => {};

try {
  const next = startNext({
    port: NEXT_PORT,
    contentDir: corpus,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  next.stdout.on('data', () => {});
  next.stderr.on('data', (d) => process.env.BENCH_DEBUG && process.stderr.write(d));
  children.push(next);
  const base = `http://127.0.0.1:${NEXT_PORT}`;
  await waitFor(`${base}/api/breaking`);
  const home = await (await fetch(`${base}/`)).text();
  const articlePath = /href="(\/articles\/[^"]+)"/.exec(home)?.[1];
  const categoryPath = /href="(\/category\/[^"/]+)"/.exec(home)?.[1];
  if (!articlePath || !categoryPath) throw new Error('no article or category link on home');

  // The physical limit: the same article page, saved, served by nginx as a file.
  fs.mkdirSync(path.join(work, 'www'));
  fs.writeFileSync(
    path.join(work, 'www', 'article.html'),
    await (await fetch(`${base}${articlePath}`)).text(),
  );
  const nginx = startLocalNginx({
    upstreamPort: NEXT_PORT,
    listenPort: PROXY_PORT,
    extraServers: `server { listen 127.0.0.1:${STATIC_PORT}; root ${work}/www; location / { try_files /article.html =404; default_type text/html; } }`,
  });
  stopNginx = nginx.stop;
  await waitFor(`http://127.0.0.1:${STATIC_PORT}/`);
  await waitFor(`http://127.0.0.1:${PROXY_PORT}/`);
  await fetch(`http://127.0.0.1:${PROXY_PORT}${articlePath}`);
  const cacheStatus = (await fetch(`http://127.0.0.1:${PROXY_PORT}${articlePath}`)).headers.get(
    'x-cache-status',
  );
  if (cacheStatus !== 'HIT')
    throw new Error(`the proxy does not cache the article (X-Cache-Status: ${cacheStatus})`);

  const targets = {
    'article (next start)': `${base}${articlePath}`,
    'home (next start)': `${base}/`,
    'category (next start)': `${base}${categoryPath}`,
    'search (next start)': `${base}/search?q=${encodeURIComponent('네이버')}`,
    'article (nginx static file)': `http://127.0.0.1:${STATIC_PORT}/`,
    'article (nginx cache → next start)': `http://127.0.0.1:${PROXY_PORT}${articlePath}`,
  };
  for (const url of Object.values(targets)) await fetch(url);
  const memoryStart = rssMiB(next.pid);
  const runs = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, url] of Object.entries(targets))
      runs[name].push(await load(url, { duration }));
  }
  const memoryEnd = rssMiB(next.pid);

  const summary = {};
  const staticRps = median(runs['article (nginx static file)'].map((r) => r.rps));
  for (const [name, list] of Object.entries(runs)) {
    const rps = list.map((r) => r.rps);
    summary[name] = {
      rpsMedian: median(rps),
      rpsMin: Math.min(...rps),
      rpsMax: Math.max(...rps),
      p50Median: median(list.map((r) => r.p50)),
      p99Median: median(list.map((r) => r.p99)),
      ofStaticLimit: +(median(rps) / staticRps).toFixed(3),
      non2xx: list.reduce((s, r) => s + r.non2xx, 0),
      errors: list.reduce((s, r) => s + r.errors, 0),
    };
  }

  // First view of archive articles nobody has opened since the build (not prerendered).
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(e.name.replace(/\.(md|html)$/, ''));
    }
  };
  walk(path.join(corpus, '2016'));
  const ttfb = [];
  for (const slug of files.slice(0, 100)) {
    const url = `${base}/articles/${encodeURIComponent(slug)}`;
    let t = performance.now();
    // A pooled connection idle past the server's keep-alive timeout fails once; time the retry.
    const response = await fetch(url).catch(() => {
      t = performance.now();
      return fetch(url, { headers: { connection: 'close' } });
    });
    ttfb.push(performance.now() - t);
    await response.arrayBuffer();
  }
  ttfb.sort((a, b) => a - b);

  console.log(
    JSON.stringify(
      {
        corpus: path.relative(root, corpus),
        loadGenerator: hasWrk ? 'wrk -t2' : 'autocannon',
        connections: 50,
        secondsPerRun: duration,
        rounds,
        article: articlePath,
        summary,
        archiveFirstViewTtfbMs: {
          n: ttfb.length,
          median: +median(ttfb).toFixed(1),
          p99: +ttfb[Math.floor(ttfb.length * 0.99) - 1 || 0].toFixed(1),
          max: +ttfb.at(-1).toFixed(1),
        },
        nextServerRssMiB: { start: memoryStart, end: memoryEnd },
      },
      null,
      2,
    ),
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  stopNginx();
}
