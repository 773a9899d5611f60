// Search under attack, on a generated archive: pathological queries (each asked once, uncached,
// as an attacker varies them to dodge the cache), their latency, then the latency of `/` alone
// and while four clients loop over such queries. Build against the corpus first:
//   npm run bench:build -- bench/out/corpus-10000 && node bench/search-attack.mjs bench/out/corpus-10000
import path from 'node:path';

import { median, root, startNext, waitFor } from './support.mjs';

const corpus = path.resolve(process.argv[2] ?? 'bench/out/corpus-10000');
const PORT = 3250;
const base = `http://127.0.0.1:${PORT}`;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

// Syllables and words that are everywhere in the generated archive (and in Korean news).
const SYLLABLES = [...'관중정의한기국서대반우발전지교현엔삼소네'];
const COMMON = ['관련', '정책', '서울시', '국회', '중요성', '검토', '발표', '추진', '예산안', '기준금리'];

/** Ten variants of each kind, each a query the server has not seen (search caches by query). */
function variants(kind, i) {
  const pick = (list, k) => list[(i * 7 + k * 3) % list.length];
  switch (kind) {
    case '50 copies of one syllable':
      return Array(50).fill(SYLLABLES[i % SYLLABLES.length]).join(' ');
    case '50 one-syllable words':
      return Array.from({ length: 50 }, (_, k) => SYLLABLES[(i + k) % SYLLABLES.length]).join(' ');
    case 'two words in every article':
      return `${pick(COMMON, 0)} ${pick(COMMON, 1)}`;
    case 'four common words':
      return [0, 1, 2, 3].map((k) => COMMON[(i + k) % COMMON.length]).join(' ');
    case 'twelve common words':
      return Array.from({ length: 12 }, (_, k) => COMMON[(i + k * 3) % COMMON.length]).join(' ');
    case '100 letters, no spaces':
      return [...COMMON.slice(i), ...COMMON.slice(0, i)].join('').repeat(8).slice(0, 100);
    case 'Latin letters':
      return 'abcdefghijklmnopqrstuvwxyz'.split('').slice(i, i + 16).join(' ');
    default:
      throw new Error(kind);
  }
}
const KINDS = [
  '50 copies of one syllable',
  '50 one-syllable words',
  'two words in every article',
  'four common words',
  'twelve common words',
  '100 letters, no spaces',
  'Latin letters',
];

const searchUrl = (q) => `${base}/search?q=${encodeURIComponent(q)}`;

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

/** Sequential requests for `/` during `ms`: latencies in ms. */
async function homeLatencies(ms) {
  const out = [];
  const end = Date.now() + ms;
  while (Date.now() < end) out.push((await timed(`${base}/`)).ms);
  return out;
}

const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(1);
};

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
