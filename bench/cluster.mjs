// Several instances (deploy/local-cluster.mjs: a bare git remote, redis-server, three standalone
// servers, nginx in front with deploy/nginx.conf): serving through nginx, with its cache and with
// it bypassed (every request reaches an instance), and the time from a push plus one webhook to
// the new article on every instance (median of 10). Build first (npm run build):
//   node bench/cluster.mjs [content-folder]
import path from 'node:path';

import { startLocalCluster } from '../deploy/local-cluster.mjs';

import { load, median, root } from './support.mjs';

const content = path.resolve(process.argv[2] ?? path.join(root, 'content'));
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const cluster = await startLocalCluster({ count: 3, content, intervalSeconds: 30 });
try {
  const home = await (await fetch(`${cluster.nginxBase}/`)).text();
  const articlePath = /href="(\/articles\/[^"]+)"/.exec(home)?.[1];
  const categoryPath = /href="(\/category\/[^"/]+)"/.exec(home)?.[1];
  if (!articlePath || !categoryPath) throw new Error('no article or category link on home');
  // nginx skips its cache for requests with this cookie (deploy/nginx.conf); Next ignores it.
  const bypass = { Cookie: '__prerender_bypass=bench' };
  const targets = {
    'article (nginx cache → 3 instances)': [`${cluster.nginxBase}${articlePath}`, {}],
    'article (nginx, no cache → 3 instances)': [`${cluster.nginxBase}${articlePath}`, bypass],
    'home (nginx, no cache → 3 instances)': [`${cluster.nginxBase}/`, bypass],
    'category (nginx, no cache → 3 instances)': [`${cluster.nginxBase}${categoryPath}`, bypass],
  };
  // Every instance has each page cached (from Redis or its own render) before measuring.
  for (const [url, headers] of Object.values(targets)) for (let i = 0; i < 6; i += 1) await fetch(url, { headers });
  const runs = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, [url, headers]] of Object.entries(targets)) runs[name].push(await load(url, { duration, headers }));
  }
  const serving = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        rpsMedian: median(list.map((r) => r.rps)),
        rpsMin: Math.min(...list.map((r) => r.rps)),
        rpsMax: Math.max(...list.map((r) => r.rps)),
        p50Median: median(list.map((r) => r.p50)),
        p99Median: median(list.map((r) => r.p99)),
        non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
        errors: list.reduce((sum, r) => sum + r.errors, 0),
      },
    ]),
  );

  // Push → visible on all three: a commit with a new article, one signed webhook through nginx,
  // then each instance asked directly every 20 ms until it serves the article.
  // Pushes 3.5 s apart: an instance fetches at most once per 3 s (a replayed or flooded webhook
  // costs nothing more), so pushes closer than that wait for the next fetch, by design.
  const visible = [];
  for (let i = 1; i <= 10; i += 1) {
    if (i > 1) await new Promise((resolve) => setTimeout(resolve, 3500));
    const slug = `bench-push-${Date.now()}-${i}`;
    cluster.push({ [`bench/${slug}.md`]: `---\ntitle: 푸시 측정 ${i}\n---\n\n본문 ${i}.\n` });
    const started = performance.now();
    const told = await cluster.hook(cluster.nginxBase);
    if (told.status !== 202) throw new Error(`webhook answered ${told.status}`);
    const pending = new Set(cluster.instances);
    while (pending.size > 0) {
      for (const instance of [...pending]) {
        // A keep-alive socket the server has just closed fails once; that is not an answer.
        const status = await fetch(`${instance.base}/articles/${slug}`).then((r) => r.status, () => 0);
        if (status === 200) pending.delete(instance);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      if (performance.now() - started > 60_000) throw new Error('a push never became visible');
    }
    visible.push(Math.round(performance.now() - started));
  }
  console.log(
    JSON.stringify({
      instances: cluster.instances.length,
      content: path.relative(root, content) || '.',
      connections: 50,
      secondsPerRun: duration,
      rounds,
      serving,
      pushToVisibleMs: {
        median: median(visible),
        min: Math.min(...visible),
        max: Math.max(...visible),
        all: visible,
      },
    }),
  );
} finally {
  await cluster.stop();
}
