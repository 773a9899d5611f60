// The archive at a million (issue 21): start-up, memory, old articles, search and publishing of a
// built server on a generated archive, against the goals. One or more built checkouts (before and
// after, from two worktrees) in one run:
//   node bench/generate-corpus.mjs 100000
//   BENCH_SERVER_DIR=/work/wt/a,/work/wt/b BENCH_SIZE=100000 node bench/archive.mjs
//   node bench/archive.mjs --table <label> [<label> | - …]   # markdown rows from stored results
// Steps (BENCH_STEPS, comma-separated; each server runs them in this order):
//   first   a first start ever: the index paths removed (BENCH_INDEX_DIRS); home, an old article
//           and a search polled once a second: when home and the first search answered, and every
//           status readers saw meanwhile (any 500 is a finding)
//   restart a restart (whatever the first start left on disk): when each page of a fixed set
//           answered, then in the same process: RSS after a fixed warm-up list, 50 never-rendered
//           old articles (time to first byte), search latency (normal queries and the attack set),
//           publishing (a dropped file: until its URL answers 200, until home lists it)
//   deploy  a restart as a new build whose rendering code changed makes it (its parsing code
//           the same): the rendered bodies kept on disk (DATA_DIR/render-cache) are another
//           build's, so none is there; then the restart's measures. A build whose change lies
//           outside both stamps (lib/code-stamp.ts: a page, a query) keeps both stores, and its
//           start is the restart step's
//   upgrade a restart as a new build makes it: the content index marked as read by other parsing
//           code and no rendered body kept, then the restart's measures, and when the server has
//           read every file again
//   sample  the same server on its own content/: the page set, RSS after the same warm-up list
// Other settings: BENCH_CORPUS (default bench/out/corpus-$BENCH_SIZE), BENCH_PORT (3260),
// BENCH_CAP_S (600: every wait for a server), BENCH_MAX_RSS_MIB (16384: the server is killed past
// it), BENCH_INDEX_DIRS (default `.next/cache/content,$DATA_DIR`: paths the first start removes,
// relative to the server folder; `$DATA_DIR` is the bench's data folder for that server and
// corpus), BENCH_NODE_OPTIONS (the server's NODE_OPTIONS), BENCH_CPUS (the CPUs the server runs
// on, as taskset lists them: "0" makes a machine of one core, to see how a first start scales with
// cores; a list taskset refuses stops the bench before any server starts; each step records the
// CPUs granted), BENCH_LABEL (default: the folder's name and commit, then "-cpus" and the granted
// list with BENCH_CPUS). Results accumulate in bench/out/archive-<label>.json, so steps can run in
// separate invocations; a step that does not finish within its cap is recorded as "> cap", never
// waited on.
import { execFileSync } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import Database from 'better-sqlite3';
import matter from 'gray-matter';
import { slug as toSlug } from 'github-slugger';

import { attackKinds, attackQuery } from './search-queries.mjs';
import { median, pct, root, startNext, treeRssMiB } from './support.mjs';

const env = process.env;
const outDir = path.join(root, 'bench/out');
const size = Number(env.BENCH_SIZE ?? 100_000);
const corpus = path.resolve(env.BENCH_CORPUS ?? path.join(outDir, `corpus-${size}`));
const port = Number(env.BENCH_PORT ?? 3260);
const base = `http://127.0.0.1:${port}`;
const capMs = Number(env.BENCH_CAP_S ?? 600) * 1000;
const maxRssMiB = Number(env.BENCH_MAX_RSS_MIB ?? 16_384);
const steps = (env.BENCH_STEPS ?? 'first,restart,sample').split(',').map((s) => s.trim());
/**
 * The CPUs BENCH_CPUS (taskset's list) gives the server, as the system grants them ("0,99" is "0"
 * on a machine of two): checked, with taskset itself, before anything is started.
 */
function grantedCpus(list) {
  const shown = list.length > 80 ? `${list.slice(0, 80)}…` : list;
  const refuse = (why) => {
    console.error(`archive: BENCH_CPUS="${shown}" ${why}`);
    process.exit(2);
  };
  if (!/^\d+(-\d+(:\d+)?)?(,\d+(-\d+(:\d+)?)?)*$/.test(list))
    refuse('is no CPU list (as taskset -c takes them: 0, 0-3, 0,2)');
  let status = '';
  try {
    status = execFileSync('taskset', ['-c', '--', list, 'cat', '/proc/self/status'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    if (error.code === 'ENOENT') refuse('needs taskset, which is not installed (util-linux)');
    const said = error.stderr?.toString().trim() || error.message;
    refuse(`names no CPU this machine can run on (${said})`);
  }
  return /^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1] ?? list;
}
const cpus = env.BENCH_CPUS ? grantedCpus(env.BENCH_CPUS) : undefined;
const indexPaths = (env.BENCH_INDEX_DIRS ?? '.next/cache/content,$DATA_DIR').split(',');
const PAGE_SIZE = 20; // lib/site.ts pageSize: which listing page is the deep one
const round = (n, digits = 1) => (Number.isFinite(n) ? +n.toFixed(digits) : null);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A label as file and folder names take it: all but letters, digits, `.`, `@` and `-` become `_`. */
const safeLabel = (label) => label.replace(/[^\w.@-]/g, '_');

function labelOf(dir) {
  if (env.BENCH_LABEL) return safeLabel(env.BENCH_LABEL);
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    // Not a checkout.
  }
  return safeLabel(`${path.basename(dir)}@${commit}${cpus === undefined ? '' : `-cpus${cpus}`}`);
}
// Labels given to --table are read as they were stored.
const resultsPath = (label) => path.join(outDir, `archive-${safeLabel(label)}.json`);
function readResults(label) {
  try {
    return JSON.parse(fs.readFileSync(resultsPath(label), 'utf8'));
  } catch {
    return { label, runs: {} };
  }
}

// ---------------------------------------------------------------------------------------------
// What to ask: the corpus manifest (written by generate-corpus.mjs), or a scan of a small folder.

/** Categories, tags, reporters (by count), old articles and search words of a content folder. */
function describe(folder) {
  const manifest = `${folder}.json`;
  if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const counts = { categories: new Map(), tags: new Map(), reporters: new Map() };
  const articles = [];
  const add = (map, name, slug) =>
    map.set(slug, { name, slug, count: (map.get(slug)?.count ?? 0) + 1 });
  const reporters = new Set(
    fs.existsSync(path.join(folder, '_reporters'))
      ? fs.readdirSync(path.join(folder, '_reporters')).map((f) => f.replace(/\.ya?ml$/, ''))
      : [],
  );
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(folder, file);
    if (!entry.isFile() || !/\.(md|markdown|html?)$/.test(entry.name)) continue;
    if (relative.split(path.sep).some((part) => part.startsWith('_') || part.endsWith('.live')))
      continue;
    const { data } = matter(fs.readFileSync(file, 'utf8'));
    if (data.draft) continue;
    const slug = String(data.slug ?? entry.name.replace(/\.[^.]+$/, '')).normalize('NFC');
    articles.push({ slug, date: String(data.date ?? '') });
    for (const c of [data.categories ?? data.category ?? []].flat())
      add(counts.categories, String(c), toSlug(String(c)));
    for (const t of [data.tags ?? []].flat()) add(counts.tags, String(t), toSlug(String(t)));
    for (const a of [data.author ?? []].flat()) if (reporters.has(a)) add(counts.reporters, a, a);
  }
  const sorted = (map) => [...map.values()].sort((a, b) => b.count - a.count);
  return {
    count: articles.length,
    categories: sorted(counts.categories),
    tags: sorted(counts.tags),
    reporters: sorted(counts.reporters).concat(
      [...reporters]
        .filter((r) => !counts.reporters.has(r))
        .map((r) => ({ name: r, slug: r, count: 0 })),
    ),
    oldArticles: articles.sort((a, b) => a.date.localeCompare(b.date)).map((a) => a.slug),
    searchWords: [
      '네이버',
      '한국은행',
      '서울시',
      '기상청',
      '국회',
      '엔비디아',
      '삼성전자',
      '교육부',
      '기준금리',
      '반도체 수출',
    ],
  };
}

const enc = encodeURIComponent;
/** The fixed page set: one of each kind a reader or a crawler asks for. */
function pageSet(d) {
  const category = d.categories[0];
  const deep = Math.max(1, Math.floor(0.9 * Math.ceil((category?.count ?? 0) / PAGE_SIZE)));
  return {
    home: '/',
    'old article': `/articles/${enc(d.oldArticles[0] ?? 'none')}`,
    category: `/category/${enc(category?.slug ?? 'none')}`,
    [`deep category (page ${deep})`]: `/category/${enc(category?.slug ?? 'none')}/page/${deep}`,
    tag: `/tag/${enc(d.tags[0]?.slug ?? 'none')}`,
    reporter: `/reporters/${enc(d.reporters[0]?.slug ?? 'none')}`,
    search: `/search?q=${enc(d.searchWords[0])}`,
    feed: '/feed.xml',
    'sitemap part': '/sitemaps/1.xml',
    breaking: '/api/breaking',
  };
}

/** The fixed warm-up list, the same kinds and number of requests for any corpus. */
function warmUpList(d) {
  const take = (list, n) =>
    Array.from({ length: n }, (_, k) => list[k % Math.max(1, list.length)]).filter(Boolean);
  return [
    ...Object.values(pageSet(d)),
    ...take(d.oldArticles.slice(1), 20).map((slug) => `/articles/${enc(slug)}`),
    ...take(d.categories, 3).flatMap((c) =>
      [1, 2, 3].map((p) =>
        p === 1 ? `/category/${enc(c.slug)}` : `/category/${enc(c.slug)}/page/${p}`,
      ),
    ),
    ...take(d.tags, 5).map((t) => `/tag/${enc(t.slug)}`),
    ...take(d.reporters, 3).map((r) => `/reporters/${enc(r.slug)}`),
    ...take(d.searchWords.slice(1), 5).map((q) => `/search?q=${enc(q)}`),
    ...[
      '/atom.xml',
      '/feed.json',
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/categories',
      '/reporters',
    ],
  ];
}

/** 100 ordinary queries, each asked once: words, their prefixes, two-word queries. */
function normalQueries(d) {
  const words = d.searchWords;
  const prefix = (w) => [...w].slice(0, Math.max(1, [...w].length - 1)).join('');
  const pairs = words.flatMap((a, i) => words.slice(i + 1).map((b) => `${a} ${b}`));
  return [...new Set([...words, ...words.map(prefix), ...pairs])].slice(0, 100);
}

// ---------------------------------------------------------------------------------------------
// A server under watch: its start time, its memory, a kill switch at the RSS cap.

/** The kill switches of servers still running: none outlives this process, even on an error. */
const live = new Set();
process.on('exit', () => {
  for (const kill of live) kill('SIGKILL');
});

function launch(serverDir, contentDir, dataDir, logName) {
  fs.mkdirSync(path.join(outDir, 'archive-logs'), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.openSync(path.join(outDir, 'archive-logs', `${logName}.log`), 'w');
  const started = performance.now();
  const child = startNext({
    port,
    contentDir,
    dir: serverDir,
    stdio: ['ignore', log, log],
    env: {
      DATA_DIR: dataDir,
      ...(env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: env.BENCH_NODE_OPTIONS } : {}),
    },
    detached: true,
    cpus,
  });
  const stopped = new AbortController();
  // Every request in flight listens for the server's end: the first start's pollers and the
  // upgrade's status poller run beside the measures, past Node's default of ten.
  setMaxListeners(100, stopped.signal);
  /** Signals the server's process group (it was started detached, as its leader). */
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Gone already.
    }
  };
  const server = {
    started,
    signal: stopped.signal,
    peakMiB: 0,
    killedAtMiB: null,
    exit: null,
    seconds: () => (performance.now() - started) / 1000,
    rss: () => treeRssMiB(child.pid),
  };
  live.add(kill);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(kill);
      server.exit = { code, signal, atSeconds: round(server.seconds()) };
      if (!server.stopping)
        server.died = {
          ...server.exit,
          ...(server.killedAtMiB ? { killedAtMiB: server.killedAtMiB } : {}),
        };
      stopped.abort();
      clearInterval(watch);
      fs.closeSync(log);
      resolve();
    });
  });
  const watch = setInterval(() => {
    const rss = server.rss();
    server.peakMiB = Math.max(server.peakMiB, rss);
    if (rss > maxRssMiB && server.killedAtMiB === null) {
      server.killedAtMiB = rss;
      kill('SIGKILL');
    }
  }, 1000);
  server.stop = async () => {
    if (server.exit) return;
    server.stopping = true;
    kill('SIGTERM');
    const timer = setTimeout(() => !server.exit && kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return server;
}

/**
 * One GET with a deadline: status (or 'no answer' when nothing listens, 'timeout', or the socket
 * error's code), time to the headers and in all. node:http, not fetch: fetch gives up on its own
 * after 300 s without headers, and a reader's request that waits longer is the finding here.
 */
function get(url, server, timeoutMs) {
  const started = performance.now();
  return new Promise((resolve) => {
    // A plain timer and the server's own signal, not AbortSignal.any: a composite signal's deadline
    // once never fired here (Node 20), and the bench waited past its cap.
    let why;
    const request = http.get(`${base}${url}`, { agent: false });
    const stop = (reason) => {
      why ??= reason;
      request.destroy();
    };
    const timer = setTimeout(() => stop('timeout'), Math.max(1, Math.round(timeoutMs)));
    const onServerGone = () => stop('no answer');
    server.signal.addEventListener('abort', onServerGone, { once: true });
    const done = (result) => {
      clearTimeout(timer);
      server.signal.removeEventListener('abort', onServerGone);
      resolve(result);
    };
    const failed = (error) => {
      const ms = performance.now() - started;
      done({
        status: why ?? (error.code === 'ECONNREFUSED' ? 'no answer' : (error.code ?? 'error')),
        ttfbMs: ms,
        ms,
      });
    };
    request.on('response', (response) => {
      const ttfbMs = performance.now() - started;
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        done({
          status: response.statusCode,
          ttfbMs,
          ms: performance.now() - started,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.on('error', failed);
    });
    request.on('error', failed);
  });
}

/** Seconds from the server's start until `url` answers below 500 (retried every 250 ms), or > cap. */
async function secondsUntilAnswer(url, server, cap = capMs) {
  const deadline = server.started + cap;
  let last;
  while (performance.now() < deadline && !server.exit) {
    last = await get(url, server, deadline - performance.now());
    if (typeof last.status === 'number' && last.status < 500)
      return { seconds: round(server.seconds()), status: last.status };
    await sleep(250);
  }
  return {
    seconds: `> ${cap / 1000}`,
    status: last?.status ?? 'no answer',
    ...(server.exit ? { serverExit: server.exit } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Steps.

/** A first start: readers poll home, an old article and a search once a second each. */
async function firstStart(serverDir, desc, dataDir, label) {
  for (const p of indexPaths) {
    const target = p.startsWith('$DATA_DIR')
      ? path.join(dataDir, p.slice('$DATA_DIR'.length))
      : path.resolve(serverDir, p);
    fs.rmSync(target, { recursive: true, force: true });
  }
  const server = launch(serverDir, corpus, dataDir, `${label}-${path.basename(corpus)}-first`);
  const urls = { home: '/', article: pageSet(desc)['old article'], search: pageSet(desc).search };
  const seen = Object.fromEntries(
    Object.keys(urls).map((k) => [k, { statuses: {}, firstOkSeconds: null, slowestMs: 0 }]),
  );
  const deadline = server.started + capMs;
  // A server that answers from an index while it reads the folder (issue 21) says in /api/status
  // when it has read everything and when search has caught up; an older one has no such route.
  const indexed = { contentSeconds: null, searchSeconds: null, unsupported: false, articles: null };
  const indexingDone = () =>
    indexed.unsupported || (indexed.contentSeconds !== null && indexed.searchSeconds !== null);
  const watchStatus = async () => {
    while (performance.now() < deadline && !server.exit && !indexingDone()) {
      const tick = performance.now();
      const r = await get('/api/status', server, deadline - tick);
      if (r.status === 404) indexed.unsupported = true;
      else if (r.status === 200 && r.body) {
        const status = JSON.parse(r.body);
        indexed.articles = status.articles;
        if (!status.reading && indexed.contentSeconds === null)
          indexed.contentSeconds = round(server.seconds());
        if (!status.reading && status.searchCaughtUp && indexed.searchSeconds === null)
          indexed.searchSeconds = round(server.seconds());
      }
      await sleep(Math.max(0, 1000 - (performance.now() - tick)));
    }
  };
  const poll = async (name) => {
    const s = seen[name];
    while (
      performance.now() < deadline &&
      !server.exit &&
      (seen.home.firstOkSeconds === null ||
        seen.search.firstOkSeconds === null ||
        seen.article.firstOkSeconds === null ||
        !indexingDone())
    ) {
      const tick = performance.now();
      const r = await get(urls[name], server, deadline - tick);
      s.statuses[r.status] = (s.statuses[r.status] ?? 0) + 1;
      s.slowestMs = Math.max(s.slowestMs, Math.round(r.ms));
      if (r.status === 200 && s.firstOkSeconds === null) s.firstOkSeconds = round(server.seconds());
      await sleep(Math.max(0, 1000 - (performance.now() - tick)));
    }
  };
  await Promise.all([...Object.keys(urls).map(poll), watchStatus()]);
  const rssMiB = server.rss();
  await server.stop();
  const cap = `> ${capMs / 1000}`;
  const count = (status) =>
    Object.values(seen).reduce((sum, s) => sum + (s.statuses[status] ?? 0), 0);
  return {
    homeSeconds: seen.home.firstOkSeconds ?? cap,
    articleSeconds: seen.article.firstOkSeconds ?? cap,
    searchSeconds: seen.search.firstOkSeconds ?? cap,
    contentIndexedSeconds: indexed.unsupported ? null : (indexed.contentSeconds ?? cap),
    searchIndexedSeconds: indexed.unsupported ? null : (indexed.searchSeconds ?? cap),
    articlesIndexed: indexed.articles,
    readers: seen,
    fiveHundreds: Object.values(seen).reduce(
      (sum, s) =>
        sum +
        Object.entries(s.statuses)
          .filter(([k]) => Number(k) >= 500)
          .reduce((n, [, v]) => n + v, 0),
      0,
    ),
    timeouts: count('timeout'),
    rssMiB,
    peakMiB: server.peakMiB,
    killedAtMiB: server.killedAtMiB,
    exit: server.exit,
    died: server.died ?? null,
  };
}

/** Until each page of the fixed set answers, from the process's start (all polled at once). */
async function pagesAnswer(server, desc) {
  const pages = pageSet(desc);
  const answers = await Promise.all(
    Object.values(pages).map((url) => secondsUntilAnswer(url, server)),
  );
  const byPage = Object.fromEntries(Object.keys(pages).map((name, k) => [name, answers[k]]));
  const numbers = answers.map((a) => a.seconds);
  return {
    pages: byPage,
    homeSeconds: byPage.home.seconds,
    allSeconds: numbers.every((n) => typeof n === 'number')
      ? Math.max(...numbers)
      : numbers.find((n) => typeof n !== 'number'),
  };
}

/** RSS after the warm-up list (each URL once, in order, then two seconds' rest). */
async function warmUpRss(server, desc) {
  const statuses = {};
  for (const url of warmUpList(desc)) {
    const r = await get(url, server, 60_000);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  await sleep(2000);
  return { requests: warmUpList(desc).length, statuses, rssMiB: server.rss() };
}

/** Time to first byte of ~50 old articles nobody asked for yet, each once (random each run). */
async function coldArticles(server, desc) {
  const warm = new Set(warmUpList(desc));
  const pool = desc.oldArticles.map((slug) => `/articles/${enc(slug)}`).filter((u) => !warm.has(u));
  const chosen = [];
  while (chosen.length < Math.min(50, pool.length)) {
    const url = pool[Math.floor(Math.random() * pool.length)];
    if (!chosen.includes(url)) chosen.push(url);
  }
  const results = [];
  for (const url of chosen) results.push(await get(url, server, 60_000));
  const ttfb = results.filter((r) => r.status === 200).map((r) => r.ttfbMs);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    n: results.length,
    statuses,
    ttfbMedianMs: round(median(ttfb)),
    ttfbP90Ms: pct(ttfb, 0.9),
    maxMs: round(Math.max(...results.map((r) => r.ms))),
  };
}

async function latencies(server, queries) {
  const times = [];
  const statuses = {};
  const each = [];
  for (const q of queries) {
    const r = await get(`/search?q=${enc(q)}`, server, 60_000);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    times.push(r.ms);
    each.push({ q, ms: round(r.ms), atSeconds: round(server.seconds()) });
  }
  return {
    n: times.length,
    statuses,
    medianMs: round(median(times)),
    p99Ms: pct(times, 0.99),
    maxMs: round(Math.max(...times)),
    // Which queries were slow, and when in the server's life: a slow one during a restart's
    // background read is not the same finding as a slow one on a quiet server.
    slowest: each.sort((a, b) => b.ms - a.ms).slice(0, 3),
  };
}

async function searchLatency(server, desc) {
  const attack = attackKinds.flatMap((kind) =>
    Array.from({ length: 10 }, (_, i) => attackQuery(kind, i)),
  );
  return {
    normal: await latencies(server, normalQueries(desc)),
    attack: await latencies(server, attack),
  };
}

/** Drops new article files into the corpus: until each answers 200, until home links it. */
async function publishing(server, _desc, tries = Number(env.BENCH_PUBLISH_TRIES ?? 5)) {
  const runs = [];
  const written = [];
  const cap = 30_000;
  try {
    for (let k = 0; k < tries; k += 1) {
      const kst = new Date(Date.now() - 60_000 + 9 * 3600_000).toISOString();
      const slug = `bench-publish-${Date.now()}-${k}`;
      const dir = path.join(corpus, kst.slice(0, 4), kst.slice(5, 7), kst.slice(8, 10));
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${slug}.md`);
      const dropped = performance.now();
      fs.writeFileSync(
        file,
        `---\ntitle: "벤치 발행 시험 ${k + 1}"\ncategories: [사회]\ndate: ${kst.slice(0, 10)} ${kst.slice(11, 16)}\n---\n\n발행 시험 기사입니다.\n`,
      );
      written.push(file);
      const until = async (check, every) => {
        while (performance.now() - dropped < cap && !server.exit) {
          if (await check()) return round((performance.now() - dropped) / 1000, 2);
          await sleep(every);
        }
        return `> ${cap / 1000}`;
      };
      const [articleSeconds, homeSeconds] = await Promise.all([
        until(async () => (await get(`/articles/${slug}`, server, cap)).status === 200, 50),
        until(
          async () => ((await get('/', server, cap)).body ?? '').includes(`/articles/${slug}`),
          100,
        ),
      ]);
      runs.push({ articleSeconds, homeSeconds });
    }
  } finally {
    for (const file of written) fs.rmSync(file, { force: true });
  }
  const med = (key) => {
    const numbers = runs.map((r) => r[key]);
    return numbers.every((n) => typeof n === 'number')
      ? median(numbers)
      : numbers.find((n) => typeof n !== 'number');
  };
  return {
    runs,
    articleMedianSeconds: med('articleSeconds'),
    homeMedianSeconds: med('homeSeconds'),
  };
}

/**
 * Marks the content indexes in `dataDir` as read by other parsing code, as a new build finds them.
 * An index of code that keeps the parser inside its fingerprint gets another fingerprint: that code
 * rebuilt its index for any new build.
 */
function markReadByOtherCode(dataDir) {
  const folder = path.join(dataDir, 'content-index');
  const files = fs.existsSync(folder)
    ? fs.readdirSync(folder).filter((f) => f.endsWith('.sqlite') && !f.endsWith('.search.sqlite'))
    : [];
  for (const file of files) {
    const db = new Database(path.join(folder, file));
    try {
      const parser = db.prepare("SELECT value FROM meta WHERE key = 'parser'").get();
      if (parser) db.prepare("UPDATE meta SET value = 'an-older-build' WHERE key = 'parser'").run();
      else db.prepare("UPDATE meta SET value = value || '+older' WHERE key = 'fingerprint'").run();
    } finally {
      db.close();
    }
  }
  return files.length;
}

/** Seconds from the server's start until /api/status says it is no longer reading its folder. */
async function untilRead(server) {
  while (!server.exit && server.seconds() < capMs / 1000) {
    const r = await get('/api/status', server, 10_000);
    if (r.status === 200 && JSON.parse(r.body ?? '{}').reading === false) return round(server.seconds());
    await sleep(500);
  }
  return `> ${capMs / 1000}`;
}

/**
 * What a new build finds of the bodies the last one rendered: nothing it can use (their names hold
 * the rendering code's stamp), so the store is removed.
 */
function forgetRenderedBodies(dataDir) {
  fs.rmSync(path.join(dataDir, 'render-cache'), { recursive: true, force: true });
}

async function restart(serverDir, desc, dataDir, label, { upgrade = false, deploy = false } = {}) {
  if (upgrade || deploy) forgetRenderedBodies(dataDir);
  const marked = upgrade ? markReadByOtherCode(dataDir) : undefined;
  const step = upgrade ? 'upgrade' : deploy ? 'deploy' : 'restart';
  const server = launch(serverDir, corpus, dataDir, `${label}-${path.basename(corpus)}-${step}`);
  const out = upgrade ? { marked } : {};
  const read = upgrade ? untilRead(server) : undefined;
  try {
    const parts = {
      startup: pagesAnswer,
      warmUp: warmUpRss,
      coldArticles,
      search: searchLatency,
      publishing,
    };
    for (const [name, measure] of Object.entries(parts)) {
      if (server.exit) break;
      out[name] = await measure(server, desc);
      console.error(
        `[archive]   ${name} done at ${round(server.seconds())} s, RSS ${server.rss()} MiB`,
      );
    }
    out.rssAtEndMiB = server.rss();
    if (read) out.readSeconds = await read;
  } finally {
    await server.stop();
  }
  return {
    ...out,
    peakMiB: server.peakMiB,
    killedAtMiB: server.killedAtMiB,
    exit: server.exit,
    died: server.died ?? null,
  };
}

async function sample(serverDir, label) {
  const content = path.join(serverDir, 'content');
  const desc = describe(content);
  const dataDir = path.join(outDir, 'archive-data', `${label}-sample`);
  const server = launch(serverDir, content, dataDir, `${label}-sample`);
  try {
    const startup = await pagesAnswer(server, desc);
    const warmUp = server.exit ? undefined : await warmUpRss(server, desc);
    return { startup, warmUp };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The table: one row per goal, one column per server.

const fmt = (v, unit = '') =>
  v === undefined || v === null ? '–' : typeof v === 'number' ? `${v}${unit}` : `${v}${unit}`;
function rowsFor(results, corpusName) {
  const runs = results.map((r) => r.runs[corpusName] ?? {});
  const samples = results.map((r) => r.runs.sample ?? {});
  const row = (name, goal, pickValue) =>
    `| ${name} | ${goal} | ${runs.map((run, k) => pickValue(run, samples[k])).join(' | ')} |`;
  const pages = Object.keys(runs.find((r) => r.restart?.startup)?.restart.startup.pages ?? {});
  const ratio = (run, s) => {
    const a = run.restart?.warmUp?.rssMiB;
    const b = s.warmUp?.rssMiB;
    return a && b
      ? `${(a / b).toFixed(2)}× (${a} / ${b} MiB)`
      : run.restart?.killedAtMiB
        ? `killed at ${run.restart.killedAtMiB} MiB`
        : '–';
  };
  const first = (run) => run.first ?? {};
  /** Seconds, or why there are none: the server died (out of memory, or killed at the RSS cap). */
  const secs = (value, part) =>
    typeof value !== 'number' && part?.died
      ? `none: died at ${part.died.atSeconds} s (${part.died.killedAtMiB ? `killed at ${part.died.killedAtMiB} MiB` : (part.died.signal ?? `exit ${part.died.code}`)})`
      : fmt(value, ' s');
  return [
    `| ${corpusName} | goal | ${results.map((r) => r.label).join(' | ')} |`,
    `| --- | --- | ${results.map(() => '---').join(' | ')} |`,
    row('restart: home answers', '≤ 3 s', (run) =>
      secs(run.restart?.startup?.homeSeconds, run.restart),
    ),
    row('restart: every page answers', '≤ 3 s', (run) =>
      secs(run.restart?.startup?.allSeconds, run.restart),
    ),
    ...pages
      .filter((p) => p !== 'home')
      .map((p) =>
        row(`&nbsp;&nbsp;${p}`, '≤ 3 s', (run) => {
          const a = run.restart?.startup?.pages?.[p];
          return a ? `${fmt(a.seconds, ' s')}${a.status !== 200 ? ` (${a.status})` : ''}` : '–';
        }),
      ),
    row('RSS after warm-up vs sample content', '≤ 1.5×', ratio),
    row('never-rendered old article: TTFB median / p90', '< 100 ms', (run) => {
      const c = run.restart?.coldArticles;
      return c ? `${c.ttfbMedianMs} / ${c.ttfbP90Ms} ms` : '–';
    }),
    row('search, normal queries: median / p99', '< 100 ms', (run) => {
      const s = run.restart?.search?.normal;
      return s ? `${s.medianMs} / ${s.p99Ms} ms` : '–';
    }),
    row('search, attack set: median / p99', '< 100 ms', (run) => {
      const s = run.restart?.search?.attack;
      return s ? `${s.medianMs} / ${s.p99Ms} ms` : '–';
    }),
    row('publish: new file answers / on home (median)', '≤ 1 s', (run) => {
      const p = run.restart?.publishing;
      return p ? `${fmt(p.articleMedianSeconds, ' s')} / ${fmt(p.homeMedianSeconds, ' s')}` : '–';
    }),
    row('first start ever: home answers', '–', (run) => secs(first(run).homeSeconds, run.first)),
    row('first start ever: first search answers', '≤ 60 s (100k)', (run) =>
      secs(first(run).searchSeconds, run.first),
    ),
    row('first start: 5xx / time-outs / dropped connections readers saw', '0', (run) => {
      if (!run.first) return '–';
      const dropped = Object.values(run.first.readers)
        .flatMap((r) => Object.entries(r.statuses))
        .filter(
          ([status]) => !/^\d+$/.test(status) && status !== 'no answer' && status !== 'timeout',
        )
        .reduce((sum, [, n]) => sum + n, 0);
      return `${run.first.fiveHundreds} / ${run.first.timeouts} / ${dropped}`;
    }),
    row('first start: longest a reader waited (home / article / search)', '–', (run) => {
      const r = run.first?.readers;
      return r
        ? [r.home, r.article, r.search].map((x) => `${round(x.slowestMs / 1000)} s`).join(' / ')
        : '–';
    }),
    row('deploy (new rendering code, same parsing): home / every page answers', '≤ 3 s', (run) =>
      run.deploy
        ? `${secs(run.deploy.startup?.homeSeconds, run.deploy)} / ${secs(run.deploy.startup?.allSeconds, run.deploy)}`
        : '–',
    ),
    row('upgrade (a new build): pages answering 200 at its first answer', 'all', (run) => {
      const pages = Object.values(run.upgrade?.startup?.pages ?? {});
      return pages.length > 0
        ? `${pages.filter((p) => p.status === 200).length} of ${pages.length}`
        : '–';
    }),
    row('upgrade: never-rendered old articles answering 200', 'all', (run) => {
      const c = run.upgrade?.coldArticles;
      return c ? `${c.statuses[200] ?? 0} of ${c.n}` : '–';
    }),
    row('upgrade: publish (median) / every file read again', '≤ 1 s / –', (run) => {
      const u = run.upgrade;
      return u
        ? `${fmt(u.publishing?.articleMedianSeconds, ' s')} / ${fmt(u.readSeconds, ' s')}`
        : '–';
    }),
    row(
      'peak RSS (first start / restart)',
      '–',
      (run) => `${fmt(first(run).peakMiB, ' MiB')} / ${fmt(run.restart?.peakMiB, ' MiB')}`,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------

if (process.argv[2] === '--table') {
  // `-` stands for a column still to be filled (the after figures).
  const results = process.argv
    .slice(3)
    .map((label) => (label === '-' ? { label: 'after', runs: {} } : readResults(label)));
  const corpora = [
    ...new Set(results.flatMap((r) => Object.keys(r.runs)).filter((k) => k !== 'sample')),
  ];
  for (const name of corpora) console.log(`${rowsFor(results, name).join('\n')}\n`);
  process.exit(0);
}

const serverDirs = (env.BENCH_SERVER_DIR ?? root).split(',').map((d) => path.resolve(d.trim()));
const corpusName = path.basename(corpus);
const desc = steps.some((s) => s !== 'sample') ? describe(corpus) : undefined;
const all = [];
for (const serverDir of serverDirs) {
  const label = labelOf(serverDir);
  const results = readResults(label);
  results.serverDir = serverDir;
  const run = (results.runs[corpusName] ??= {});
  const dataDir = path.join(outDir, 'archive-data', `${label}-${corpusName}`);
  const save = () => fs.writeFileSync(resultsPath(label), `${JSON.stringify(results, null, 2)}\n`);
  for (const step of steps) {
    const started = performance.now();
    console.error(`[archive] ${label} ${corpusName}: ${step} …`);
    if (step === 'first') run.first = await firstStart(serverDir, desc, dataDir, label);
    else if (step === 'restart') run.restart = await restart(serverDir, desc, dataDir, label);
    else if (step === 'deploy')
      run.deploy = await restart(serverDir, desc, dataDir, label, { deploy: true });
    else if (step === 'upgrade')
      run.upgrade = await restart(serverDir, desc, dataDir, label, { upgrade: true });
    else if (step === 'sample') results.runs.sample = await sample(serverDir, label);
    else throw new Error(`unknown step: ${step}`);
    const stepSeconds = round((performance.now() - started) / 1000);
    const result = step === 'sample' ? results.runs.sample : run[step];
    result.stepSeconds = stepSeconds;
    result.at = new Date().toISOString();
    // Each run's own: a label used again without BENCH_CPUS says so.
    result.cpus = cpus ?? 'all';
    console.error(`[archive] ${label} ${corpusName}: ${step} took ${stepSeconds} s`);
    save();
  }
  all.push(results);
}
console.log(
  JSON.stringify(
    all.map((r) => ({ label: r.label, [corpusName]: r.runs[corpusName], sample: r.runs.sample })),
    null,
    2,
  ),
);
console.log(`\n${rowsFor(all, corpusName).join('\n')}`);
