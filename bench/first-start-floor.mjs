// What a first start's work costs on one core, stage by stage, and what two cores give of it: the
// least time any scheduling of today's work can take (issue 21's "≤ 60 s at 100k").
//   node --import tsx bench/first-start-floor.mjs [corpus folder] [files]
// Every article of the corpus (or the first `files`) goes through the server's own functions, one
// stage at a time on this thread, in batches as a first start sends them (500 files to the content
// index, 1,000 articles to the search index), timed apart:
//   read    loadFile: the file, its front matter, its checks (a read thread's first part);
//   words   the body's words and index document (its second part);
//   content the content index's apply (the server's event loop);
//   search  the search index's putMany (the writer thread).
// Then the two-core factor: the read and words stages on the first 4,000 files (at most), in one
// process and in two at once, twice each, alternating (the machine's speed drifts: only ratios in
// one run count). A folder that is missing or holds no article, or a `files` that is no whole
// number above 0, is refused with exit code 2.
// Nothing here is a thread queue, a message or a request: the figures are a floor, not a first start.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const isChild = process.argv[2] === '--child';
const [corpusArg, filesArg] = process.argv.slice(isChild ? 3 : 2);
const corpus = path.resolve(corpusArg ?? 'bench/out/corpus-100000');
const limit = filesArg === undefined ? Infinity : Number(filesArg);
/** Files the two-core factor reads in each process (fewer when the run takes fewer). */
const FACTOR_FILES = 4000;

function refuse(message) {
  console.error(`first-start-floor: ${message}`);
  process.exit(2);
}
if (!fs.statSync(corpus, { throwIfNoEntry: false })?.isDirectory())
  refuse(`${corpus} is no folder (give a corpus: node bench/generate-corpus.mjs 100000)`);
if (!(Number.isSafeInteger(limit) && limit > 0) && limit !== Infinity)
  refuse(`the number of files must be a whole number above 0, not "${filesArg}"`);

const { listContentFiles } = await import('../lib/content/files.ts');
const { loadFile } = await import('../lib/content/load-file.ts');
const { openArchive } = await import('../lib/content/archive/archive.ts');
const { openSearchIndex, toIndexedArticle } = await import('../lib/search/disk-index.ts');
const { toSearchFields } = await import('../lib/search/article-words.ts');
const { hasLightBody, toBodyWords } = await import('../lib/search/text.ts');

const MAX_FILE_BYTES = 1 << 20;
const articleEntries = (count) =>
  listContentFiles(corpus)
    .filter((entry) => entry.kind === 'article')
    .slice(0, count);

/** The read and words stages over `entries`, as a read thread does them; returns what they made. */
function readAndWords(entries, now, times) {
  const results = [];
  const words = [];
  for (const entry of entries) {
    let started = performance.now();
    const stat = fs.statSync(entry.absolute);
    const result = loadFile(entry, stat, now, { maxFileBytes: MAX_FILE_BYTES });
    times.read += performance.now() - started;
    started = performance.now();
    const article = result.ok && 'article' in result ? result.article : undefined;
    const light = article && !article.draft && article.published <= now && hasLightBody(article);
    words.push(
      light
        ? toBodyWords({
            source: article.body,
            format: article.format,
            fields: toSearchFields(article, ''),
          })
        : null,
    );
    times.words += performance.now() - started;
    results.push({ entry, size: stat.size, mtimeMs: stat.mtimeMs, result });
  }
  return { results, words };
}

if (isChild) {
  // One process of the two-core factor: set up and warmed, it waits for the word to go, then sends
  // its wall time for the read and words stages.
  const entries = articleEntries(Number(filesArg));
  readAndWords(entries.slice(0, 500), new Date(), { read: 0, words: 0 });
  process.once('message', () => {
    const started = performance.now();
    readAndWords(entries, new Date(), { read: 0, words: 0 });
    process.send(performance.now() - started, () => process.exit(0));
  });
  process.send('ready');
} else {
  await measure();
}

/** The slowest of `count` processes reading `factorFiles` files at once, each timing its own (ms). */
async function timeTogether(count, factorFiles) {
  const children = Array.from({ length: count }, () =>
    fork(import.meta.filename, ['--child', corpus, String(factorFiles)], {
      execArgv: ['--import', 'tsx'],
    }),
  );
  const next = (child) =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('error', reject);
    });
  await Promise.all(children.map(next));
  const done = children.map(next);
  for (const child of children) child.send('go');
  return Math.max(...(await Promise.all(done)));
}

async function measure() {
  const entries = articleEntries(limit);
  if (entries.length === 0) refuse(`${corpus} holds no article`);
  const factorFiles = Math.min(FACTOR_FILES, entries.length);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'first-start-floor-'));
  try {
    const archive = openArchive({
      file: path.join(scratch, 'content.sqlite'),
      fingerprint: 'floor',
    });
    const index = openSearchIndex(path.join(scratch, 'search.sqlite'));
    const times = { read: 0, words: 0, content: 0, search: 0 };
    const now = new Date();
    let pending = [];
    const writeSearch = () => {
      const started = performance.now();
      index.putMany(pending);
      times.search += performance.now() - started;
      pending = [];
    };
    for (let i = 0; i < entries.length; i += 500) {
      const { results, words } = readAndWords(entries.slice(i, i + 500), now, times);
      const started = performance.now();
      archive.apply({ upserts: results, removals: [] });
      times.content += performance.now() - started;
      results.forEach(({ result }, j) => {
        if (words[j]) pending.push(toIndexedArticle(result.article, words[j]));
      });
      if (pending.length >= 1000) writeSearch();
    }
    if (pending.length > 0) writeSearch();
    archive.close();
    index.close();

    const solo = [];
    const pair = [];
    for (let round = 0; round < 2; round += 1) {
      solo.push(await timeTogether(1, factorFiles));
      pair.push(await timeTogether(2, factorFiles));
    }
    // Two processes did twice the work: the factor is how much more than one core two give (never
    // less than one: all of it could run on one core).
    const factors = solo.map((one, i) => (2 * one) / pair[i]);
    const factor = Math.max(1, ...factors);

    const n = entries.length;
    const us = (ms) => Math.round((ms * 1000) / n);
    const total = Object.values(times).reduce((a, b) => a + b, 0);
    console.log(`${n.toLocaleString('en-US')} articles of ${corpus}, one core, µs an article:`);
    for (const [stage, ms] of Object.entries(times))
      console.log(
        `  ${stage.padEnd(8)} ${String(us(ms)).padStart(5)}  (${(ms / 1000).toFixed(1)} s)`,
      );
    console.log(
      `  ${'total'.padEnd(8)} ${String(us(total)).padStart(5)}  (${(total / 1000).toFixed(1)} s)`,
    );
    console.log(
      `two-core factor (read and words, ${factorFiles.toLocaleString('en-US')} files): ${factors.map((f) => f.toFixed(2)).join(', ')}`,
    );
    console.log(
      `floor on two cores: ${(total / 1000 / factor).toFixed(1)} s (the one-core total over the best factor)`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
