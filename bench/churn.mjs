// Load and churn: 100 connections for 60 s over article, home, category, search and JSON URLs
// while another loop adds, edits, renames and deletes articles every 200 ms. Reports requests,
// responses by status, errors, p99, the server's memory at start, middle and end (and every 5 s),
// and whether an article that keeps appearing and disappearing answers 200 and 404 as it should.
// Build first against the corpus; the churn happens in a copy of it:
//   npm run bench:build -- bench/out/corpus-10k && node bench/churn.mjs bench/out/corpus-10k
import fs from 'node:fs';
import path from 'node:path';

import autocannon from 'autocannon';

import { root, rssMiB, startNext, waitFor } from './support.mjs';

const source = path.resolve(process.argv[2] ?? 'bench/out/corpus-10k');
const seconds = Number(process.env.CHURN_SECONDS ?? 60);
const PORT = 3220;
const corpus = fs.mkdtempSync('/tmp/bench-churn-');
fs.cpSync(source, corpus, { recursive: true });
const churnDir = path.join(corpus, 'churn');
fs.mkdirSync(churnDir);

const server = startNext({ port: PORT, contentDir: corpus });
let serverErrors = '';
server.stderr.on('data', (d) => {
  serverErrors += d;
});
const base = `http://127.0.0.1:${PORT}`;
const rss = () => rssMiB(server.pid);

try {
  await waitFor(`${base}/api/breaking`);
  const home = await (await fetch(`${base}/`)).text();
  const articles = [...home.matchAll(/href="(\/articles\/[^"]+)"/g)].map((m) => m[1]).slice(0, 5);
  const category = /href="(\/category\/[^"/]+)"/.exec(home)?.[1] ?? '/';
  const paths = [
    ...articles,
    '/',
    category,
    `/search?q=${encodeURIComponent('네이버')}`,
    '/api/breaking',
    '/feed.xml',
    '/articles/churn-0',
  ];

  // Churn: every 200 ms add, edit, rename or delete one of a few articles.
  let step = 0;
  const live = new Set();
  const churn = setInterval(() => {
    const n = step % 5;
    const file = (i) => path.join(churnDir, `churn-${i}.md`);
    const text = (i) =>
      `---\ntitle: 변경 중인 기사 ${i}-${step}\ncategories: 경제\ndate: ${new Date(Date.now() - 60_000).toISOString()}\nbreaking: ${step % 2 === 0}\n---\n\n본문 ${step}\n`;
    const action = step % 4;
    try {
      if (action === 0 || !live.has(n)) {
        fs.writeFileSync(file(n), text(n));
        live.add(n);
      } else if (action === 1) {
        fs.writeFileSync(file(n), text(n));
      } else if (action === 2) {
        fs.renameSync(file(n), file(n + 5));
        fs.renameSync(file(n + 5), file(n));
      } else {
        fs.rmSync(file(n), { force: true });
        live.delete(n);
      }
    } catch {}
    step += 1;
  }, 200);

  const memory = { start: rss() };
  const middle = setTimeout(
    () => {
      memory.middle = rss();
    },
    (seconds * 1000) / 2,
  );
  const samples = [];
  const sampler = setInterval(() => samples.push(rss()), 5000);

  // Alongside the load, one more article appears and disappears every 3 s, and one reader keeps
  // asking for it and notes whether the answer matched the file (present: 200, deleted: 404),
  // counting questions asked more than 500 ms after the last change (the store's 300 ms settle
  // window, and a render) and answered before the next one.
  const watchedFile = path.join(churnDir, 'churn-watch.md');
  let watchedAt = Date.now();
  const toggler = setInterval(() => {
    watchedAt = Date.now();
    if (fs.existsSync(watchedFile)) fs.rmSync(watchedFile);
    else fs.writeFileSync(watchedFile, `---\ntitle: 나타났다 사라지는 기사\n---\n\n본문\n`);
  }, 3000);
  const watched = { present: 0, presentOk: 0, absent: 0, absentOk: 0 };
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const changed = watchedAt;
      const existed = fs.existsSync(watchedFile);
      const asked = Date.now();
      const status = await fetch(`${base}/articles/churn-watch`)
        .then(async (r) => (await r.arrayBuffer(), r.status))
        .catch(() => 0);
      if (asked - changed < 500 || watchedAt !== changed) continue;
      if (existed) {
        watched.present += 1;
        if (status === 200) watched.presentOk += 1;
      } else {
        watched.absent += 1;
        if (status === 404) watched.absentOk += 1;
      }
    }
  })();
  const result = await autocannon({
    url: base,
    connections: 100,
    duration: seconds,
    requests: paths.map((p) => ({ method: 'GET', path: p })),
  });
  clearTimeout(middle);
  clearInterval(churn);
  clearInterval(sampler);
  clearInterval(toggler);
  watching = false;
  await watcher;
  memory.end = rss();
  memory.every5s = samples;
  const statuses = {};
  for (const [key, value] of Object.entries(result.statusCodeStats ?? {}))
    statuses[key] = value.count;
  console.log(
    JSON.stringify(
      {
        corpus: path.relative(root, source),
        connections: 100,
        seconds,
        churnSteps: step,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
        p50: result.latency.p50,
        p99: result.latency.p99,
        serverRssMiB: memory,
        churnedArticle: watched,
        serverErrorLines: serverErrors.split('\n').filter((l) => /error|⨯/i.test(l)).length,
      },
      null,
      2,
    ),
  );
} finally {
  server.kill('SIGTERM');
  fs.rmSync(corpus, { recursive: true, force: true });
}
