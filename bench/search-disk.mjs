// Search on disk against today's in-memory engine, on generated articles shaped like the seed's
// (bench/search-corpus.mjs), each design in its own process so memory is its own:
//   flock /tmp/heavy.lock npx tsx bench/search-disk.mjs 100000 [fts,postings,memory]
// Prints, per design: build time, file size, RSS after building and after the queries, and
// latency (p50/p99/max) of bench/search.mjs's 100 queries and bench/search-attack.mjs's 70, each
// asked once, uncached. The FTS5 design is lib/search/disk-index.ts; `postings` is the other one
// measured: a (word, doc, flags) table read by a b-tree range per term, intersected in JS.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [count = '100000', designs = 'fts,postings,memory', only] = process.argv.slice(2);
const N = Number(count);
const out = path.join(here, 'out');
const mib = (bytes) => +(bytes / 1024 / 1024).toFixed(1);
const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2);
};
const stats = (times) => ({ p50: pct(times, 0.5), p99: pct(times, 0.99), max: +Math.max(...times).toFixed(2) });

if (!only) {
  const report = { articles: N };
  for (const design of designs.split(',')) {
    const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), count, designs, design], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) throw new Error(`${design} failed (${child.status})`);
    report[design] = JSON.parse(child.stdout.trim().split('\n').at(-1));
  }
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

const { searchCorpus, normalQueries, attackQueries } = await import('./search-corpus.mjs');
const { toQueryTerms, toWords } = await import('../lib/search/tokenize.ts');
const { MAX_QUERY_LENGTH, RESULTS_PER_PAGE, MIN_PREFIX_LENGTH, MAX_QUERY_TERMS } = await import('../lib/search/limits.ts');
const { toIndexWords, toSnippetText } = await import('../lib/search/article-words.ts');
const { toSnippet } = await import('../lib/search/snippet.ts');

const rss = () => (globalThis.gc?.(), mib(process.memoryUsage().rss));
const rssStart = rss();
const now = new Date(Date.UTC(2026, 10, 27));

/** Each design: build(articles) → { file? }, then ask(query) → { total, hits }. */
const designsByName = {
  async fts() {
    const { openSearchIndex } = await import('../lib/search/disk-index.ts');
    const file = path.join(out, `search-fts-${N}.sqlite`);
    fs.rmSync(file, { force: true });
    let index = openSearchIndex(file);
    const started = performance.now();
    let batch = [];
    for (const article of searchCorpus(N)) {
      batch.push(article);
      if (batch.length === 1000) {
        index.putMany(batch);
        batch = [];
      }
    }
    index.putMany(batch);
    index.close();
    const buildMs = performance.now() - started;
    index = openSearchIndex(file); // as a restarted server finds it
    return {
      buildMs,
      file,
      ask(query, page = 1) {
        const q = query.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
        const words = toQueryTerms(q);
        const found = index.search(words, now, page);
        const highlight = [...new Set(toWords(q).slice(0, MAX_QUERY_TERMS * 2).concat(words))].sort((a, b) => b.length - a.length);
        for (const hit of found.hits) toSnippet(hit.snippetText, highlight);
        return { total: found.total, more: found.more, hits: found.hits.map((h) => h.slug) };
      },
    };
  },

  async postings() {
    const Database = (await import('better-sqlite3')).default;
    const file = path.join(out, `search-postings-${N}.sqlite`);
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    let db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE docs (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, published INTEGER, excerpt TEXT, body TEXT);
      CREATE TABLE postings (word TEXT, doc INTEGER, flags INTEGER, PRIMARY KEY (word, doc)) WITHOUT ROWID;`);
    const started = performance.now();
    const insertDoc = db.prepare('INSERT INTO docs (id, slug, published, excerpt, body) VALUES (?, ?, ?, ?, ?)');
    const insertPosting = db.prepare('INSERT INTO postings (word, doc, flags) VALUES (?, ?, ?)');
    // Doc ids in publish order need the whole order up front; at build the bench sorts it.
    const all = [...searchCorpus(N)].sort((a, b) => a.published - b.published || (a.slug < b.slug ? 1 : -1));
    db.transaction(() => {
      all.forEach((article, id) => {
        insertDoc.run(id, article.slug, article.published.getTime(), article.excerpt, article.body);
        const { titleWords, textWords } = toIndexWords(article);
        const flags = new Map();
        for (const w of titleWords) flags.set(w, (flags.get(w) ?? 0) | 1);
        for (const w of textWords) flags.set(w, (flags.get(w) ?? 0) | 2);
        for (const [w, f] of flags) insertPosting.run(w, id, f);
      });
    })();
    all.length = 0;
    db.close();
    const buildMs = performance.now() - started;
    db = new Database(file, { readonly: true });
    db.pragma('cache_size = -16000');
    const exact = db.prepare('SELECT doc, flags FROM postings WHERE word = ?').raw();
    const range = db.prepare('SELECT doc, flags FROM postings WHERE word >= ? AND word < ?').raw();
    const hit = db.prepare('SELECT slug, excerpt, body FROM docs WHERE id = ?');
    const until = db.prepare('SELECT max(id) AS id FROM docs WHERE published <= ?').get(now.getTime()).id;
    return {
      buildMs,
      file,
      ask(query, page = 1) {
        const q = query.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
        const terms = toQueryTerms(q);
        if (terms.length === 0) return { total: 0, hits: [] };
        const matches = terms.map((term) => {
          const found = new Map();
          const rows = term.length >= MIN_PREFIX_LENGTH ? range.iterate(term, `${term}\uffff`) : exact.iterate(term);
          for (const [doc, flags] of rows) if (doc <= until) found.set(doc, (found.get(doc) ?? 0) | flags);
          return found;
        });
        matches.sort((a, b) => a.size - b.size);
        const [smallest, ...rest] = matches;
        const titled = [];
        const other = [];
        for (const [doc, flags] of smallest) {
          let f = flags;
          let every = true;
          for (const m of rest) {
            const g = m.get(doc);
            if (g === undefined) { every = false; break; }
            f |= g;
          }
          if (every) (f & 1 ? titled : other).push(doc);
        }
        titled.sort((a, b) => b - a);
        other.sort((a, b) => b - a);
        const ranked = titled.concat(other);
        const hits = ranked.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE).map((id) => {
          const row = hit.get(id);
          toSnippet(toSnippetText(row), terms);
          return row.slug;
        });
        return { total: ranked.length, hits };
      },
    };
  },

  async memory() {
    const { SearchEngine, IN_TITLE } = await import('../lib/search/engine.ts');
    const { rankPositions } = await import('../lib/search/matches.ts');
    const started = performance.now();
    const engine = new SearchEngine();
    const texts = new Map();
    const order = [];
    for (const article of searchCorpus(N)) {
      const { titleWords, textWords } = toIndexWords(article);
      engine.add(article.slug, titleWords, textWords);
      texts.set(article.slug, toSnippetText(article));
      order.push({ slug: article.slug, published: article.published });
    }
    order.sort((a, b) => b.published - a.published || (a.slug < b.slug ? -1 : 1));
    const published = order.filter((a) => a.published <= now);
    const position = new Map(published.map((a, i) => [a.slug, i]));
    const buildMs = performance.now() - started;
    return {
      buildMs,
      ask(query, page = 1) {
        const q = query.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
        const terms = toQueryTerms(q);
        if (terms.length === 0) return { total: 0, hits: [] };
        const matched = terms.map((term) => {
          const all = [];
          const title = [];
          for (const [slug, where] of engine.match(term, term.length >= MIN_PREFIX_LENGTH)) {
            const p = position.get(slug);
            if (p === undefined) continue;
            all.push(p);
            if (where & IN_TITLE) title.push(p);
          }
          return { all: Int32Array.from(all).sort(), title: Int32Array.from(title).sort() };
        });
        const ranked = rankPositions(matched);
        const hits = ranked.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE).map(({ position: p }) => {
          const slug = published[p].slug;
          toSnippet(texts.get(slug), terms);
          return slug;
        });
        return { total: ranked.length, hits };
      },
    };
  },
};

const design = await designsByName[only]();
const rssBuilt = rss();
const run = (queries, page = 1) => {
  const times = [];
  const totals = [];
  const hash = createHash('sha256');
  for (const query of queries) {
    const t = performance.now();
    const { total, hits } = design.ask(query, page);
    times.push(performance.now() - t);
    totals.push(total);
    hash.update(`${query}\n${hits.join(' ')}\n`);
  }
  return { times, totals, hits: hash.digest('hex').slice(0, 12) };
};
const normal = run(normalQueries());
const attacks = attackQueries();
const attack = run(attacks.map((a) => a.query));
// A reader (or a crawler) paging deep into a word every article holds.
const deep = run(['관련', '네이버', '정책 관련', '서울시 국회'], 500);
const byKind = {};
attacks.forEach(({ kind }, i) => {
  (byKind[kind] ??= []).push(attack.times[i]);
});
const sizes = design.file
  ? ['', '-wal'].reduce((sum, s) => sum + (fs.existsSync(design.file + s) ? fs.statSync(design.file + s).size : 0), 0)
  : undefined;
console.log(
  JSON.stringify({
    buildSeconds: +(design.buildMs / 1000).toFixed(1),
    fileMiB: sizes === undefined ? undefined : mib(sizes),
    rssMiB: { start: rssStart, afterBuild: rssBuilt, afterQueries: rss() },
    normalMs: stats(normal.times),
    attackMs: stats(attack.times),
    page500Ms: stats(deep.times),
    attackMaxMsByKind: Object.fromEntries(Object.entries(byKind).map(([k, t]) => [k, +Math.max(...t).toFixed(1)])),
    // The first page of every query, hashed: equal across designs when they rank alike.
    firstPages: { normal: normal.hits, attack: attack.hits },
    totals: { normal: normal.totals.slice(0, 8).join(' '), attack: attack.totals.filter((_, i) => i % 10 === 0).join(' ') },
  }),
);
