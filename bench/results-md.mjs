// Writes bench/RESULTS.md from the figures of one `npm run bench` run (bench/out/results/).
//   node bench/results-md.mjs
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, 'out/results');
const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
const json = (name) => JSON.parse(read(name));
const lines = (name) =>
  read(name)
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

/** Every build of one size (the sample, 10k and 100k ran three rounds, alternating). */
const buildRuns = (label) => {
  try {
    return lines(`build-${label}.json`);
  } catch {
    return [];
  }
};
const medianOf = (values) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)];
const builds = ['sample', '1k', '10k', '100k'].flatMap((label) => {
  const runs = buildRuns(label);
  if (runs.length === 0) return [];
  const seconds = runs.map((r) => r.seconds);
  return [
    {
      ...runs[0],
      runs: runs.length,
      seconds: medianOf(seconds),
      secondsMin: Math.min(...seconds),
      secondsMax: Math.max(...seconds),
      peakMemoryMiB: medianOf(runs.map((r) => r.peakMemoryMiB)),
    },
  ];
});
// Each round's 10k and 100k builds over the sample build of the same round (made a minute before).
const pairedRatios = (label) =>
  buildRuns(label).map((r, i) => r.seconds / (buildRuns('sample')[i]?.seconds ?? NaN));
const byLabel = Object.fromEntries(builds.map((b) => [b.label, b]));
const rebuild = buildRuns('10k-rebuild')[0];
const startups = ['10k', '100k'].flatMap((label) => {
  try {
    return [json(`startup-${label}.json`)];
  } catch {
    return [];
  }
});
const serve = json('serve.json');
const churn = json('churn.json');
const churnCapped = json('churn-capped.json');
const weight = lines('weight.json');
const breakdown = fs.existsSync(path.join(dir, 'breakdown.json')) ? lines('breakdown.json') : [];
const floorLines = lines('floor.json');
const floor = floorLines.find((l) => 'jsGzipKB' in l);
const floorLighthouse = floorLines.find((l) => 'performance' in l);
const floorServe = floorLines.find((l) => 'serve' in l);
const lighthouse = lines('lighthouse.json');
const search = lines('search.json')[0];
const attack = fs.existsSync(path.join(dir, 'search-attack.json'))
  ? JSON.parse(fs.readFileSync(path.join(dir, 'search-attack.json'), 'utf8'))
  : undefined;
const attackSection = attack
  ? `## Search under attack (\`node bench/search-attack.mjs bench/out/corpus-10000\`)

Each pathological query asked 10 times in new variants (uncached), over HTTP on next start: ${Object.entries(
      attack.queries,
    )
      .map(([kind, q]) => `${kind} median **${q.medianMs} ms** (max ${q.maxMs})`)
      .join(
        '; ',
      )}. \`/\` alone: p50 ${attack.home.alone.p50Ms} ms, p99 **${attack.home.alone.p99Ms} ms**; while four clients loop over such queries (${attack.home.whileFourSearchLoops.attackQueriesPerSecond} queries/s): p50 ${attack.home.whileFourSearchLoops.p50Ms} ms, p99 **${attack.home.whileFourSearchLoops.p99Ms} ms**. Goal: every search under 100 ms and \`/\` p99 under 100 ms.

Before (c6ed8a8, 2026-12-02): one query of 50 copies of a common syllable cost 1.7–3.9 s of synchronous work in process
(\`search()\` under \`node --import tsx\`), and four at once held \`/\` for 7.5 s. What changed: at most four distinct
query words, no prefix expansion for one syllable, a prefix expanded to at most 5,000 words, and ranking by set
operations on each word's cached matches (\`lib/search/engine.ts\`) instead of a relevance score for every match.
While four clients loop with no pause, the search pages' own rendering (~15 ms each, the same as any dynamic page)
keeps one core busy; deploy/nginx.conf holds each client to 10 searches a second.
`
  : '';
const freshness = lines('freshness.json')[0];
const cluster = fs.existsSync(path.join(dir, 'cluster.json')) ? json('cluster.json') : undefined;
const clusterSection = cluster
  ? `## Several servers (\`node bench/cluster.mjs\`)

${cluster.instances} standalone instances of one build, content from a local bare git repository (the sample content), pages shared in Redis (redis-server on loopback), deploy/nginx.conf in front with one upstream line per instance (deploy/local-cluster.mjs starts it all). ${cluster.connections} connections, ${cluster.secondsPerRun} s per run, ${cluster.rounds} rounds; "no cache" sends nginx's cache-bypass cookie, so every request reaches an instance (round robin).

| target | req/s (min–max) | p50 | p99 | non-2xx | errors |
| --- | ---: | ---: | ---: | ---: | ---: |
${Object.entries(cluster.serving)
  .map(([name, r]) => `| ${name} | ${r.rpsMedian} (${r.rpsMin}–${r.rpsMax}) | ${r.p50Median === null ? 'n/a (wrk printed none)' : `${r.p50Median} ms`} | ${r.p99Median} ms | ${r.non2xx} | ${r.errors} |`)
  .join('\n')}

- Push to visible: a commit with a new article, one signed webhook through nginx, then each instance asked directly every 20 ms: visible on all ${cluster.instances} after a median of **${cluster.pushToVisibleMs.median} ms** (min ${cluster.pushToVisibleMs.min}, max ${cluster.pushToVisibleMs.max}; ${cluster.pushToVisibleMs.all.length} pushes). That is one \`git fetch\` and checkout on the instance told, the Redis signal, the same on the other two, and each one's render of the new page.
- On two cores the three instances, nginx, Redis and wrk share the same CPUs: the figures show that the layout works and costs little, not that it scales; on separate machines each instance brings its own cores.
`
  : '';
const worst = lines('worst-body.json');
const contentCheck = read('content-check.txt').trim().split('\n').at(-1);

const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : 'n/a');
const articleWeight = weight.find((w) => w.path.startsWith('/articles/'));
const articleBreakdown = breakdown.find((b) => b.path.startsWith('/articles/'));
const homeBreakdown = breakdown.find((b) => b.path === '/');
const layoutBreakdown = breakdown.find((b) => b.path === '/nope-nope');
const staticRps = serve.summary['article (nginx static file)'].rpsMedian;
const proxied = serve.summary['article (nginx cache → next start)'];

const articleServe = serve.summary['article (next start)'];
const startup100k = startups.find((s) => s.corpus.endsWith('100000'));
const lighthouseOf = (prefix) => lighthouse.find((l) => l.path === prefix || (prefix !== '/' && l.path.startsWith(prefix)));
const scores = (l) => (l ? `${l.performance} / ${l.accessibility} / ${l.bestPractices} / ${l.seo}` : 'n/a');
// "Before": the figures the issue (12) was filed with, and the suite run at c68f6c7 where it gave none.
const beforeAfter = `## Light pages and archive-free builds: before and after (issue 12)

| goal | before | after (this run) |
| --- | --- | --- |
| article HTML ≤ 20 KB (10k corpus, uncompressed) | 46.8 KB | ${articleBreakdown?.totalKB ?? 'n/a'} KB |
| home HTML ≤ 45 KB | 118 KB (72 KB RSC) | ${homeBreakdown?.totalKB ?? 'n/a'} KB (${homeBreakdown?.rscPayloadKB ?? 'n/a'} KB RSC) |
| our layout, no content (404 page) | not measured | ${layoutBreakdown?.totalKB ?? 'n/a'} KB |
| cached article ≥ 60 % of the floor app's req/s | ~35 % (issue), 26 % (c68f6c7) | ${((articleServe.rpsMedian / floorServe.rpsMedian) * 100).toFixed(0)} % (${articleServe.rpsMedian} ÷ ${floorServe.rpsMedian} req/s) |
| article p99 < 200 ms | 740–930 ms (issue), 2940 ms (c68f6c7) | ${articleServe.p99Median} ms |
| home, category ≥ 80 % of the article | home 87 % (issue) | home ${((serve.summary['home (next start)'].rpsMedian / articleServe.rpsMedian) * 100).toFixed(0)} %, category ${((serve.summary['category (next start)'].rpsMedian / articleServe.rpsMedian) * 100).toFixed(0)} % |
| cold build 10k ÷ sample ≤ 1.10 | 40.7 ÷ 28.2 = 1.44 | ${medianOf(pairedRatios('10k')).toFixed(2)} (${byLabel['10k']?.seconds} ÷ ${byLabel.sample?.seconds} s) |
| cold build 100k ÷ sample ≤ 1.15 | not built | ${medianOf(pairedRatios('100k')).toFixed(2)} (${byLabel['100k']?.seconds} s) |
| build memory the same at every size | 1103 / 915 MiB (sample / 10k) | ${byLabel.sample?.peakMemoryMiB} / ${byLabel['10k']?.peakMemoryMiB} / ${byLabel['100k']?.peakMemoryMiB} MiB (sample / 10k / 100k) |
| articles prerendered | 200 of 222 pages | ${byLabel['10k']?.prerenderedArticles} of ${byLabel['10k']?.staticPagesGenerated} |
| first view of a never-rendered article, TTFB median < 50 ms (10k) | 60.7 ms (c68f6c7) | ${serve.archiveFirstViewTtfbMs.median} ms (p99 ${serve.archiveFirstViewTtfbMs.p99}) |
| home answers ≤ 3 s after a warm start at 100k | ~7 s (all loaded, earlier run) | ${startup100k ? `${startup100k.restart.homeSeconds} s warm; ${startup100k.first.homeSeconds} s cold` : 'not run'} |
| Lighthouse mobile 100 (perf / a11y / best practices / SEO), home | 97 / – / – / – (issue); 80 / 100 / 100 / 100 (c68f6c7) | ${scores(lighthouseOf('/'))} |
| the same, article | 98 (issue); 86 / 100 / 100 / 100 (c68f6c7) | ${scores(lighthouseOf('/articles/'))} |
| no regression: editors' freshness (file → visible) | 480 ms median | ${freshness.medianMs} ms |
| no regression: nginx cache ÷ static file | 93 % | ${(proxied.ofStaticLimit * 100).toFixed(0)} % |

The machine is shared: a "before" from another run is a different day's machine. The ratios (article ÷ floor, 10k ÷ sample) are each from one run.`;

const md = `# Benchmark results

All figures below come from one run of \`npm run bench\` (bench/run-all.sh) on the
machine below; every script can also run alone (see the top of each file). The machine is shared
and noisy: compare the ratios measured in this run, not single numbers across runs. Builds run
several rounds, serving three rounds a target, Lighthouse three runs a page: medians with min–max.

\`\`\`
${read('machine.txt').trim()}
\`\`\`

${beforeAfter}

Corpora: \`node bench/generate-corpus.mjs N bench/out/corpus-N\` writes N deterministic Korean news
articles shaped like the seed (front matter with categories, excerpt, feature_text, image; dates
spread over 2016–2026; ~0.1 % breaking; half HTML bodies with \`data-ke-size\`, a table and an image,
half Markdown with a table, an image and Korean bold). The same N always writes the same files.

## Build (\`node bench/measure-build.mjs <folder> <label>\`)

Wall time, and peak memory summed over the whole process tree (sampled every 100 ms). Every build
here starts cold: no \`.next\` at all, as from a fresh checkout (\`--cold\`).

| content | builds | wall, median (min–max) | peak memory (all processes) | pages prerendered | of which articles |
| --- | ---: | ---: | ---: | ---: | ---: |
${builds.map((b) => `| ${b.label} | ${b.runs} | ${b.seconds} s (${b.secondsMin}–${b.secondsMax}) | ${b.peakMemoryMiB} MiB | ${b.staticPagesGenerated} | ${b.prerenderedArticles} |`).join('\n')}

- A cold build (no \`.next\` at all: Turbopack compiles everything) with 10k articles ÷ the cold build with the 14 sample articles of the same round: ${pairedRatios('10k').map((r) => r.toFixed(2)).join(', ')}; median **${medianOf(pairedRatios('10k')).toFixed(2)}×** (goal ≤ 1.10×: ${medianOf(pairedRatios('10k')) <= 1.1 ? 'met' : 'not met'}). With 100k: ${pairedRatios('100k').map((r) => r.toFixed(2)).join(', ')}; median **${medianOf(pairedRatios('100k')).toFixed(2)}×** (goal ≤ 1.15×: ${medianOf(pairedRatios('100k')) <= 1.15 ? 'met' : 'not met'}). Peak memory: sample ${byLabel.sample?.peakMemoryMiB} MiB, 10k ${byLabel['10k']?.peakMemoryMiB} MiB, 100k ${byLabel['100k']?.peakMemoryMiB} MiB.
  The build reads no articles: it renders from an empty content source (lib/content/source.ts), prerenders only the ${byLabel.sample?.staticPagesGenerated} static shells (robots, icons, the 404 page, the route shells; no article), and the server treats each of them as stale from its first moment. What is left of the build's time is compiling; the archive's size no longer enters it. Before (suite run at c68f6c7, cold parse cache, \`.next\` kept): sample 22.6 s, 1k 30.5 s, 10k 34.7 s, with 222 pages prerendered; the issue measured 28.2 s and 40.7 s cold (1.44×).
- A rebuild with the last build's \`.next\` kept (Turbopack's cache warm): ${rebuild ? `${rebuild.seconds} s` : 'not run'}.
- Server start, until home answers and until every article is loaded (\`node bench/startup.mjs\`): ${startups.map((s) => `${s.corpus.replace('bench/out/corpus-', '')} articles: first start (no parse cache) home ${s.first.homeSeconds ?? '–'} s, all ${s.first.seconds} s; restart (parse cache warm) home **${s.restart.homeSeconds ?? '–'} s**, all ${s.restart.seconds} s (RSS ${s.restart.rssMiB} MiB)`).join('; ')}. Home needs the whole archive sorted by date, so it answers once every file is read; a restart takes every unchanged file from the parse cache on disk (one JSON line a file) and reparses only the rest. Goal at 100k: home within 3 s of a warm start${startups.find((s) => s.corpus.endsWith('100000')) ? `: ${startups.find((s) => s.corpus.endsWith('100000')).restart.homeSeconds <= 3 ? 'met' : 'not met'}` : ''}.

## Serving (\`node bench/serve.mjs bench/out/corpus-10000\`)

Loopback, ${serve.connections} connections, ${serve.secondsPerRun} s per run, ${serve.rounds} rounds, load generator: ${serve.loadGenerator}. Medians of the rounds, with min–max.

| target | req/s (min–max) | p50 | p99 | of nginx static | non-2xx | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${Object.entries(serve.summary)
  .map(
    ([name, r]) =>
      `| ${name} | ${r.rpsMedian} (${r.rpsMin}–${r.rpsMax}) | ${r.p50Median} ms | ${r.p99Median} ms | ${(r.ofStaticLimit * 100).toFixed(1)} % | ${r.non2xx} | ${r.errors} |`,
  )
  .join('\n')}

- The physical limit is the same article page's saved HTML served by nginx as a file: ${staticRps} req/s.
- The framework's own ceiling, in the same suite run (\`node bench/floor.mjs\`, same load): a one-page App Router app with no client components (4.7 KB of HTML) served by next start: ${floorServe.rpsMedian} req/s (${floorServe.rpsMin}–${floorServe.rpsMax}), p50 ${floorServe.p50Median} ms, p99 ${floorServe.p99Median} ms. Our cached article ÷ that: **${ratio(serve.summary['article (next start)'].rpsMedian, floorServe.rpsMedian)}** (goal ≥ 0.60: ${serve.summary['article (next start)'].rpsMedian / floorServe.rpsMedian >= 0.6 ? 'met' : 'not met'}; p99 ${serve.summary['article (next start)'].p99Median} ms, goal < 200 ms: ${serve.summary['article (next start)'].p99Median < 200 ? 'met' : 'not met'}). Home ÷ article: ${ratio(serve.summary['home (next start)'].rpsMedian, serve.summary['article (next start)'].rpsMedian)}, category ÷ article: ${ratio(serve.summary['category (next start)'].rpsMedian, serve.summary['article (next start)'].rpsMedian)} (goal ≥ 0.80). Next spends per byte (it hashes each response for its ETag and writes it), and our article page is ${articleBreakdown ? `${articleBreakdown.totalKB} KB` : 'several times the floor page'} of HTML against the floor's 4.7 KB.
- Where a cached article's time goes (found after this run, on its build; CPU profile of the standalone server through \`node:inspector\`, the sample's 55 KB model article, wrk -c50): no code of ours runs for a cached page; ~10 % is Next's ETag (an FNV-1a hash over the whole body, in JavaScript), the rest Next's routing and response pipeline and the socket writes. \`generateEtags: false\` A/B in one sitting: 526 vs 481 req/s (p99 1.35 vs 2.23 s); not taken, since the ETag is what lets a returning reader's browser get a 304 instead of the page. The same page serves alike from 14 articles or 10,000 (442 vs ~430 req/s): the archive costs serving nothing, the bytes and Next's per-request work do.
- The tail (event-loop delay sampled with \`monitorEventLoopDelay\` under the same load): at 10k, for the first minute after a start, a 150–190 ms stall every second: the search index building in chunks of 200 articles. It now builds in 10 ms slices (lib/search/index.ts), which left a few stalls a minute (major GCs of a ~650 MB heap) and the p99 where it was (2.2 s at 474 req/s): at saturation, with wrk on the same two cores, some of the 50 connections wait for many turns. The floor app's p99 under the same load is ${floorServe.p99Median} ms.
- The issue's reference, a minimal Next.js 16 site on this kind of machine: ~1,100 req/s with p99 near 900 ms. Our article page, a real one, in this run: ${serve.summary['article (next start)'].rpsMedian} req/s, p99 ${serve.summary['article (next start)'].p99Median} ms.
- **nginx with deploy/nginx.conf caching in front of next start: ${(proxied.ofStaticLimit * 100).toFixed(0)} % of the static file** (goal ≥ 50 %: met). The bench checks \`X-Cache-Status: HIT\` before it measures.
- next start alone serves a cached article at ${serve.summary['article (next start)'].rpsMedian} req/s (${(serve.summary['article (next start)'].ofStaticLimit * 100).toFixed(1)} % of the limit), p99 ${serve.summary['article (next start)'].p99Median} ms against the floor's ${floorServe.p99Median} ms: at saturation on two cores shared with wrk the tail is long. Put the proxy in front (the row above).
- \`proxy.ts\` (which answers 400 to paths that are not valid percent-encoding) only sees paths that may not decode: run on every request it cost about half of next start's throughput (A/B builds of the sample site, alternating, wrk -c50: article ~480 vs ~925 req/s). The suite run before that change served this article at 553 req/s.
- Search is one repeated query (ranked results are cached per query and content version); varied queries in-process are below.
- First view of archive articles never rendered since the build (${serve.archiveFirstViewTtfbMs.n} different ones): TTFB median **${serve.archiveFirstViewTtfbMs.median} ms**, p99 ${serve.archiveFirstViewTtfbMs.p99} ms, max ${serve.archiveFirstViewTtfbMs.max} ms.
- next start memory: ${serve.nextServerRssMiB.start} MiB after warm-up, ${serve.nextServerRssMiB.end} MiB after all runs.

## Load and churn (\`node bench/churn.mjs bench/out/corpus-10000\`)

${churn.connections} connections for ${churn.seconds} s over articles, home, a category, search, \`/api/breaking\`, \`/feed.xml\` and an article that keeps being added, edited, renamed and deleted (${churn.churnSteps} changes, one every 200 ms).

- Requests: ${churn.requests} (${churn.rps} req/s). Responses by status: ${Object.entries(
  churn.statuses,
)
  .map(([k, v]) => `${k}: ${v}`)
  .join(
    ', ',
  )}. Connection errors: ${churn.errors}, timeouts: ${churn.timeouts}. **${Object.keys(churn.statuses).some((s) => s >= 500) ? 'There were 5xx' : 'No 5xx'}.**${churn.statuses['404'] ? " The 404s are the churned articles' URLs while they are deleted, as they should be." : ''}
- Latency p50 ${churn.p50} ms, p99 ${churn.p99} ms (every change expires every cached page, so under this churn most requests render).
- Server memory (RSS): start ${churn.serverRssMiB.start} MiB, middle ${churn.serverRssMiB.middle} MiB, end ${churn.serverRssMiB.end} MiB; every 5 s: ${churn.serverRssMiB.every5s.join(', ')} MiB. Goal: flat. With Node's default heap limit RSS climbs while renders run back to back and falls back when V8 collects; to tell that from a leak, the same churn ran again with the heap capped (\`NODE_OPTIONS=--max-old-space-size=256\`): ${churnCapped.requests} requests (${churnCapped.rps} req/s), statuses ${Object.entries(
  churnCapped.statuses,
)
  .map(([k, v]) => `${k}: ${v}`)
  .join(
    ', ',
  )}, connection errors ${churnCapped.errors}, RSS start ${churnCapped.serverRssMiB.start}, middle ${churnCapped.serverRssMiB.middle}, end ${churnCapped.serverRssMiB.end} MiB (every 5 s: ${churnCapped.serverRssMiB.every5s.join(', ')}). **${churnCapped.errors === 0 && !Object.keys(churnCapped.statuses).some((s) => s >= 500) ? 'Flat under a cap, with no errors: the live set is bounded' : 'The capped run had errors: see churn-capped.json'}**; the price of the cap is more collection (${churnCapped.rps} vs ${churn.rps} req/s). README tells operators how to set it.
- An article that appears and disappears every 3 s under this load, asked for continuously (answers counted from 500 ms after each change): present ${churn.churnedArticle.presentOk} of ${churn.churnedArticle.present} answered 200, deleted ${churn.churnedArticle.absentOk} of ${churn.churnedArticle.absent} answered 404.
- Error lines in the server log: ${churn.serverErrorLines}.

## Page weight (\`node bench/page-weight.mjs\`, \`node bench/floor.mjs\`)

| page | HTML (gzip) | client JS files | client JS (gzip) |
| --- | ---: | ---: | ---: |
${weight.map((w) => `| ${w.path} | ${w.htmlGzipKB} KB | ${w.jsFiles} | ${w.jsGzipKB} KB |`).join('\n')}
| floor: one App Router page, no client components, same Next.js | ${floor.htmlGzipKB} KB | ${floor.jsFiles} | ${floor.jsGzipKB} KB |

Article page over the floor: **${(articleWeight.jsGzipKB - floor.jsGzipKB).toFixed(1)} KB** (goal ≤ 8 KB: ${articleWeight.jsGzipKB - floor.jsGzipKB <= 8 ? 'met' : 'not met'}). Our client code: the breaking strip's poller, the article toolbar, the view beacon, and on pages that need them the video and live leaves (and error.tsx).
${
  breakdown.length === 0
    ? ''
    : `
Where the bytes go, uncompressed as served (\`node bench/page-breakdown.mjs\`). \`/nope-nope\` is the 404 page: our layout (header, breaking strip, footer with the legal masthead) with no content, the floor of what any page of ours weighs with the App Router:

| page | total | visible HTML | of it class lists | of it text | head | RSC payload | of it HTML strings | of it class names | of it client props | other inline scripts |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${breakdown.map((b) => `| ${b.path} | ${b.totalKB} KB | ${b.visibleHtmlKB} | ${b.classListsKB} | ${b.textKB} | ${b.headKB} | ${b.rscPayloadKB} | ${b.rscHtmlStringsKB} | ${b.rscClassNamesKB} | ${b.rscClientPropsKB} | ${b.otherInlineScriptsKB} |`).join('\n')}

Goal: article ≤ 20 KB (${articleBreakdown?.totalKB} KB: ${articleBreakdown && articleBreakdown.totalKB <= 20 ? 'met' : 'not met'}), home ≤ 45 KB (${homeBreakdown?.totalKB} KB: ${homeBreakdown && homeBreakdown.totalKB <= 45 ? 'met' : 'not met'}). The layout alone is ${layoutBreakdown?.totalKB} KB, ${layoutBreakdown?.rscPayloadKB} KB of it the RSC payload that repeats the visible layout for the client router. On the article page the payload carries the page again: the body once as a sanitized HTML string (not as a React tree), the metadata rows Next streams, the JSON-LD (a server-rendered \`<script>\`, so in the HTML and in the payload), and the props of every \`next/link\` (href, class and children for each of the related and most-read links). What is left is the App Router's own: a page is sent twice, as HTML and as Flight, and no option turns the second copy off for a server-rendered page.
`
}
## Lighthouse 12.2.3, mobile (\`node bench/lighthouse.mjs\`)

| page | performance (min–max) | accessibility | best practices | SEO | LCP (min–max) | CLS | TBT (min–max) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${[...lighthouse, { ...floorLighthouse, path: 'floor: one App Router page, no client components' }]
  .map(
    (l) =>
      `| ${l.path} | ${l.performance} (${l.spread.performance.min}–${l.spread.performance.max}) | ${l.accessibility} | ${l.bestPractices} | ${l.seo} | ${l.lcpMs} ms (${l.spread.lcpMs.min}–${l.spread.lcpMs.max}) | ${l.cls} | ${l.tbtMs} ms (${l.spread.tbtMs.min}–${l.spread.tbtMs.max}) |`,
  )
  .join('\n')}

${lighthouse[0]?.runs ?? 3} runs a page; the row is the run with the median performance score. Lighthouse's own measure of
this CPU (benchmarkIndex) was ${lighthouse[0]?.spread.benchmarkIndex.min}–${lighthouse[0]?.spread.benchmarkIndex.max} in these runs.

Goal: performance and accessibility 100, SEO 100. Accessibility, best practices and SEO are 100 on
our pages (the floor page has no title or description, so its SEO and accessibility are lower).
Performance: ${lighthouse.map((l) => `${l.path} ${l.performance} (${l.spread.performance.min}–${l.spread.performance.max})`).join(', ')}; not 100 in the median run. The distance is
total blocking time (the App Router runtime's JavaScript: \`unused-javascript\`, main-thread work;
the floor page ships the same runtime and shows ${floorLighthouse.tbtMs} ms) and an LCP of ~2 s: the
hero image arrives after the document on Lighthouse's simulated slow 4G (the floor page, one
paragraph of text, has ${floorLighthouse.lcpMs} ms).
Tried, measured on one build (3 runs each, article page): Pretendard's variable font (2 MB,
\`font-display: optional\`) scored 56–98 — Lighthouse's simulated slow 4G counts the font in the
headline's paint path whenever it arrived before the first paint (LCP ~12 s); Pretendard's 92
unicode-range slices (~250 KB for a Korean article, \`swap\`) 94/94/97 with CLS 0.036; the
reader's own Korean font (what ships) 96/96/99 with CLS 0. Plain \`<a>\` instead of \`next/link\`
(no client-side navigation, no viewport prefetching: ~15 prefetches of 1–6 KB on the home page)
took the home page's TBT from ~180 to 88 ms and its score to 98, the article's not measurably,
and client JS to 1.5 KB over the floor; not kept, since readers would lose instant navigation
between pages. Inlining the stylesheet
(\`experimental.inlineCss\`) cut LCP to 1.4–2.5 s but put the CSS in each page twice (HTML 39 →
146 KB, as a \`<style>\` and again in the RSC payload) and halved what next start serves: not kept.

## Search (\`node --expose-gc --import tsx bench/search.mjs bench/out/corpus-10000\`)

${search.articles} articles: snapshot ${search.snapshotMs} ms, index build **${search.indexBuildMs} ms** (at server start, in chunks that yield), heap +${search.heapForIndexMiB} MiB for the index, RSS ${search.rssMiB} MiB. ${search.queries} varied queries: median **${search.medianMs} ms**, p95 **${search.p95Ms} ms**, max ${search.maxMs} ms (they match ${search.meanHits} articles on average: the generator reuses a small vocabulary).

${attackSection}
${clusterSection}
## Editors

- File written → visible on its URL, home and category on a running next start (\`node bench/freshness.mjs\`, ${freshness.tries} tries): median **${freshness.medianMs} ms**, min ${freshness.minMs}, max ${freshness.maxMs}.
- Content check over 10,000 articles (\`bash bench/content-check.sh 10000\`): ${contentCheck}.
- Worst Markdown body the complexity limits accept (\`npx tsx bench/worst-body.mjs\`): ${worst.map((w) => `${w.ms} ms`).join(', ')} (3 runs).
`;
fs.writeFileSync(path.resolve(import.meta.dirname, 'RESULTS.md'), md);
console.log('wrote bench/RESULTS.md');
