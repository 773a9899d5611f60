// Search under attack, on a generated archive: pathological queries (each asked once, uncached,
// as an attacker varies them to dodge the cache), their latency, then the latency of `/` alone
// and while four clients loop over such queries. Build against the corpus first:
//   npm run bench:build -- bench/out/corpus-10000 && node bench/search-attack.mjs bench/out/corpus-10000
import path from 'node:path';

import { attackKinds as KINDS, attackQuery as variants, SYLLABLES } from './search-queries.mjs';
import { median, pct, root, startNext, timed, waitFor } from './support.mjs';

const corpus = path.resolve(process.argv[2] ?? 'bench/out/corpus-10000');
const PORT = 3250;
const base = `http://127.0.0.1:${PORT}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const searchUrl = (q) => `${base}/search?q=${encodeURIComponent(q)}`;

/** Sequential requests for `/` during `ms`: latencies in ms. */
async function homeLatencies(ms) {
  const out = [];
  const end = Date.now() + ms;
  while (Date.now() < end) out.push((await timed(`${base}/`)).ms);
  return out;
}

const next = startNext({ port: PORT, contentDir: corpus, stdio: ['ignore', 'ignore', 'inherit'] });
try {
  await waitFor(`${base}/api/breaking`);
  // The index builds in the background at start; wait until a search answers from it.
  for (let i = 0; i < 300 && (await timed(searchUrl('네이버'))).ms > 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await homeLatencies(2000);

  const queries = {};
  for (const kind of KINDS) {
    const times = [];
    for (let i = 0; i < 10; i += 1) {
      const result = await timed(searchUrl(variants(kind, i)));
      if (result.status !== 200) throw new Error(`search answered ${result.status}`);
      times.push(result.ms);
    }
    queries[kind] = { medianMs: +median(times).toFixed(1), maxMs: +Math.max(...times).toFixed(1) };
  }

  const alone = await homeLatencies(seconds * 1000);
  let stop = false;
  let attacks = 0;
  const attacker = async (n) => {
    for (let i = 0; !stop; i += 1) {
      const kind = KINDS[(i + n) % KINDS.length];
      // Shuffled words: the same work, a query never seen before.
      const words = variants(kind, i % 10).split(' ');
      const shuffled = words.map((w, k) => words[(k + i + n) % words.length]).join(' ');
      await timed(searchUrl(`${shuffled} ${i % 7 === 0 ? '' : SYLLABLES[i % SYLLABLES.length]}`));
      attacks += 1;
    }
  };
  const loops = [0, 1, 2, 3].map(attacker);
  const attacked = await homeLatencies(seconds * 1000);
  stop = true;
  await Promise.all(loops);

  console.log(
    JSON.stringify(
      {
        corpus: path.relative(root, corpus),
        queries,
        home: {
          alone: { n: alone.length, p50Ms: pct(alone, 0.5), p99Ms: pct(alone, 0.99) },
          whileFourSearchLoops: {
            n: attacked.length,
            p50Ms: pct(attacked, 0.5),
            p99Ms: pct(attacked, 0.99),
            attackQueriesPerSecond: +(attacks / seconds).toFixed(1),
          },
        },
      },
      null,
      2,
    ),
  );
} finally {
  next.kill('SIGTERM');
}
