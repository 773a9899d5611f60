// Measures `next build` against a content folder: wall time, peak memory summed over the whole
// process tree (not only the largest process), and how many pages were prerendered.
//   node bench/measure-build.mjs <content-folder> [label] [--cold]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2).filter((arg) => arg !== '--cold');
const contentDir = path.resolve(args[0] ?? 'content');
const label = args[1] ?? path.basename(contentDir);
const root = path.resolve(import.meta.dirname, '..');
// --cold: no `.next` at all (no earlier build's output, compiler cache or parse cache), as from
// a fresh checkout.
const cold = process.argv.includes('--cold');
if (cold) fs.rmSync(path.join(root, '.next'), { recursive: true, force: true });
const PAGE_SIZE = 4096;

/** Resident memory of `pid` and all its descendants, in bytes, read from /proc. */
function treeRss(pid) {
  const children = new Map();
  const rss = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(entry), Number(fields[21]) * PAGE_SIZE);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop();
    total += rss.get(current) ?? 0;
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

const started = process.hrtime.bigint();
const child = spawn('npx', ['next', 'build'], {
  cwd: root,
  env: { ...process.env, CONTENT_DIR: contentDir, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
});
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, treeRss(child.pid));
}, 100);
const code = await new Promise((resolve) => child.on('exit', resolve));
clearInterval(timer);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (code !== 0) {
  console.error(output);
  process.exit(code ?? 1);
}
const manifest = JSON.parse(
  fs.readFileSync(path.join(root, '.next', 'prerender-manifest.json'), 'utf8'),
);
const prerendered = Object.keys(manifest.routes).length;
const articles = Object.keys(manifest.routes).filter((route) =>
  route.startsWith('/articles/'),
).length;
const generated = /Generating static pages[^\n]*\((\d+)\/(\d+)\)/.exec(output);
// Next prints how long prerendering took: "… (222/222) in 5.9s" (or "in 850ms").
const generation = /Generating static pages[^\n]*\(\d+\/\d+\) in ([\d.]+)(ms|s)/.exec(output);
const generationSeconds = generation
  ? Number(generation[1]) / (generation[2] === 'ms' ? 1000 : 1)
  : undefined;
console.log(
  JSON.stringify({
    label,
    cold,
    seconds: Number(seconds.toFixed(1)),
    peakMemoryMiB: Math.round(peak / 1024 / 1024),
    prerenderedRoutes: prerendered,
    prerenderedArticles: articles,
    staticPagesGenerated: generated ? Number(generated[2]) : undefined,
    generationSeconds,
  }),
);
