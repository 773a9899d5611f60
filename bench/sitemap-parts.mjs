// Time to render the first and the last part of a split sitemap over the on-disk content index of a
// large corpus, as the server reads it (lib/content/archive through the queries' view):
//   cd <checkout> && node --import tsx <this file> <corpus folder> <index file> [URLs a part]
//   e.g. flock /tmp/heavy.lock node --import tsx bench/sitemap-parts.mjs \
//          bench/out/corpus-100000 /tmp/sitemap-bench/100k.sqlite
// The index is built from the corpus on the first run (the folder source writing to the archive, as
// a server's first start does, but all at once) and reused after, while the checkout's schema and
// the corpus's file count are the same. The code measured is the checkout's (the working directory),
// so the same script measures two commits. Prints one JSON line.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { XMLParser } from 'fast-xml-parser';

const [corpusArg, indexArg, limitArg] = process.argv.slice(2);
if (!corpusArg || !indexArg) {
  console.error('usage: node --import tsx bench/sitemap-parts.mjs <corpus folder> <index file>');
  process.exit(2);
}
const corpus = path.resolve(corpusArg);
const indexFile = path.resolve(indexArg);
const checkout = process.cwd();
const load = (file) => import(pathToFileURL(path.join(checkout, file)).href);

const { openArchive } = await load('lib/content/archive/archive.ts');
const { archiveRecords } = await load('lib/content/archive/records.ts');
const { openArchiveStore } = await load('lib/content/archive-store.ts');
const { openFolderSource } = await load('lib/content/folder-source.ts');
const { makeView } = await load('lib/content/view.ts');
const { renderSitemap, renderSitemapPart, SITEMAP_PART } = await load('lib/sitemaps.ts');
const { site } = await load('lib/site.ts');

const seconds = (ms) => Math.round(ms) / 1000;
const limit = limitArg ? Number(limitArg) : SITEMAP_PART;
const fingerprint = `sitemap-bench:${corpus}`;

const started = performance.now();
const archive = openArchive({ file: indexFile, fingerprint });
const records = archiveRecords(archive);
const source = openFolderSource({
  root: corpus,
  maxFileBytes: site.maxFileBytes,
  records,
  live: false,
  background: false,
});
const store = openArchiveStore({ root: corpus, archive, source, records });
const reader = store.getReader();
const indexSeconds = seconds(performance.now() - started);

const now = new Date();
const view = () => makeView(reader, now, {});
const articles = archive.count({ now: now.getTime() });

const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });

/** One render, timed: how long, and how many URLs it listed. */
function timed(render) {
  const t = performance.now();
  const xml = render();
  const ms = Math.round((performance.now() - t) * 10) / 10;
  return { ms, urls: xml === undefined ? 0 : (parser.parse(xml).urlset?.url?.length ?? 0) };
}

// The index of parts first: it counts the head entries (terms, pages) that every part needs, and
// the queries keep them per reader, as in the server.
const index = timed(() => renderSitemap(view(), limit));
const parts = parser.parse(renderSitemap(view(), limit)).sitemapindex?.sitemap?.length ?? 0;
// The first part, the last full one (the costliest before), and the last.
const measured = [...new Set([1, Math.max(1, parts - 1), parts])].filter((part) => part >= 1);
const rounds = 3;
const results = {};
for (const part of measured) {
  const runs = Array.from({ length: rounds }, () =>
    timed(() => renderSitemapPart(view(), part, limit)),
  );
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  results[part] = {
    urls: runs[0].urls,
    medianMs: sorted[Math.floor(rounds / 2)].ms,
    ms: runs.map((r) => r.ms),
  };
}

console.log(
  JSON.stringify({
    checkout,
    corpus,
    articles,
    limit,
    parts,
    indexBuiltOrCheckedS: indexSeconds,
    indexBytes: fs.statSync(indexFile).size,
    sitemapIndexMs: index.ms,
    part: results,
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }),
);
store.close();
