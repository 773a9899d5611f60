// Time from an article file written into the content folder to that article being visible at its
// URL, on its category page and on the home page of a running production server.
//   node bench/freshness.mjs <base-url> <content-folder> [tries=10]
import fs from 'node:fs';
import path from 'node:path';

const [base = 'http://127.0.0.1:3000', folder = 'content', triesArg = '10'] = process.argv.slice(2);
const tries = Number(triesArg);
const dir = path.resolve(folder, 'bench-freshness');
fs.mkdirSync(dir, { recursive: true });

async function visible(url, text) {
  const response = await fetch(url);
  return response.ok && (await response.text()).includes(text);
}

const samples = [];
for (let i = 0; i < tries; i += 1) {
  const slug = `freshness-${Date.now()}-${i}`;
  const title = `신선도 측정 ${slug}`;
  const file = path.join(dir, `${slug}.md`);
  const date = new Date(Date.now() - 1000).toISOString();
  const started = performance.now();
  fs.writeFileSync(file, `---\ntitle: ${title}\ncategories: 측정\ndate: ${date}\n---\n\n본문\n`);
  const waiting = new Set(['article', 'home', 'category']);
  const urls = {
    article: `${base}/articles/${slug}`,
    home: `${base}/`,
    category: `${base}/category/${encodeURIComponent('측정')}`,
  };
  while (waiting.size > 0) {
    if (performance.now() - started > 30_000)
      throw new Error(`not visible after 30 s: ${[...waiting]}`);
    for (const page of [...waiting]) if (await visible(urls[page], title)) waiting.delete(page);
    if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  samples.push(performance.now() - started);
  fs.rmSync(file);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
fs.rmSync(dir, { recursive: true, force: true });

const sorted = [...samples].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
console.log(
  JSON.stringify({
    tries,
    medianMs: Math.round(median),
    minMs: Math.round(sorted[0]),
    maxMs: Math.round(sorted.at(-1)),
    samplesMs: samples.map(Math.round),
  }),
);
