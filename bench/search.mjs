// Search on a generated archive: index build time and memory, then latency over 100 varied
// queries (median and p95), all in one process:
//   npx tsx bench/search.mjs bench/out/corpus-10k
import path from 'node:path';

const folder = path.resolve(process.argv[2] ?? 'bench/out/corpus-10k');
process.env.CONTENT_DIR = folder;

const { getArticles } = await import('../lib/content/index.ts');
const { search } = await import('../lib/search/index.ts');

const mib = (bytes) => Math.round(bytes / 1024 / 1024);
globalThis.gc?.();
const before = process.memoryUsage();
let started = performance.now();
const published = getArticles();
const snapshotMs = performance.now() - started;
const afterSnapshot = process.memoryUsage();

started = performance.now();
await search('네이버', 1);
const indexMs = performance.now() - started;
globalThis.gc?.();
const afterIndex = process.memoryUsage();

const words = [
  '네이버',
  '네이버는',
  '소버',
  '소버린 AI',
  'LLM',
  '한국은행',
  '기준금리',
  '반도체 수출',
  '엔비디아',
  '삼성전자는',
  '우주',
  '발사체',
  '의료 개혁',
  '전기차',
  '지방선거',
  '교육부의',
  '서울시',
  '현대차',
  '기상청',
  '거대언어모델',
];
const queries = Array.from({ length: 100 }, (_, i) => {
  const a = words[i % words.length];
  const b = words[(i * 7 + 3) % words.length];
  return i % 3 === 0 ? `${a} ${b}` : i % 3 === 1 ? a.slice(0, Math.max(1, a.length - 1)) : a;
});
const times = [];
let hits = 0;
for (const query of queries) {
  const t = performance.now();
  const result = await search(query, 1);
  times.push(performance.now() - t);
  hits += result.total;
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(
  JSON.stringify({
    articles: published.length,
    snapshotMs: Math.round(snapshotMs),
    indexBuildMs: Math.round(indexMs),
    heapForSnapshotMiB: mib(afterSnapshot.heapUsed - before.heapUsed),
    heapForIndexMiB: mib(afterIndex.heapUsed - afterSnapshot.heapUsed),
    rssMiB: mib(afterIndex.rss),
    queries: queries.length,
    medianMs: +at(0.5).toFixed(2),
    p95Ms: +at(0.95).toFixed(2),
    maxMs: +times.at(-1).toFixed(2),
    meanHits: Math.round(hits / queries.length),
  }),
);
process.exit(0);
