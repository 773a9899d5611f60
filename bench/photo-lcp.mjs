// Lighthouse mobile LCP and image bytes of one article in three states, on one production server:
//   none   — the article with no photo;
//   before — its hero the camera's original JPEG (4000×3000, about 5 MB) served as is from the
//            site's own origin (`image: /bench-photos/original.jpg`, a file in the standalone
//            build's public/, put there before the server starts: it serves what public/ held then);
//   after  — the same JPEG dropped beside the article (`image: ./original.jpg`) and served through
//            the photo pipeline, measured once the page shows its <picture> with AVIF.
// The three articles have the same text under three slugs, in a copy of the content folder.
// Needs a build (`npm run build`); starts `npm start`'s server itself and stops it by its pid.
//   flock /tmp/heavy.lock npx tsx bench/photo-lcp.mjs [port=3700] [content=content]
// LIGHTHOUSE_RUNS (default 3) is passed on to bench/lighthouse.mjs; PHOTO_LCP_CONTENT and
// PHOTO_LCP_DATA choose the work folders (default /tmp/lcp-content, /tmp/lcp-data; both replaced).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { root, waitFor } from './support.mjs';

const { makeCameraJpeg } = await import('../lib/media/test-photos.ts');

const [portArg = '3700', source = 'content'] = process.argv.slice(2);
const port = Number(portArg);
const base = `http://127.0.0.1:${port}`;
const contentDir = path.resolve(process.env.PHOTO_LCP_CONTENT || '/tmp/lcp-content');
const dataDir = path.resolve(process.env.PHOTO_LCP_DATA || '/tmp/lcp-data');
const standalone = path.join(root, '.next', 'standalone');
const publicPhotos = path.join(standalone, 'public', 'bench-photos');
const kb = (bytes) => Math.round(bytes / 1024);

if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  console.error('.next/standalone/server.js가 없습니다: 먼저 npm run build를 실행하세요.');
  process.exit(1);
}

/** One article's text; only the slug (its file name) and the `image:` line differ. */
function article(image) {
  return [
    '---',
    'title: 수도권 첫눈과 함께 한파특보… 내일 아침 서울 영하 9도',
    'categories: [사회]',
    'date: 2026-11-27T07:40:00+09:00',
    'excerpt: 기상청은 27일 오후부터 수도권과 강원 내륙에 눈이 내리고 28일 아침 기온이 영하 9도까지 떨어진다며 한파특보를 내렸다.',
    ...(image ? [`image: ${image}`, 'image_alt: 눈 내린 서울 도심', 'image_credit: 한빛일보'] : []),
    'author: [kim-seoyeon]',
    '---',
    '',
    '기상청은 27일 오후 9시를 기해 서울과 경기 북부, 강원 내륙에 **한파주의보**를 발령했다. 28일 아침 서울의 최저기온은 영하 9도, 철원은 영하 15도까지 내려갈 것으로 예보됐다.',
    '',
    '올겨울 수도권 첫눈은 27일 오후부터 밤사이 1~3cm가량 쌓일 전망이다. 기상청은 퇴근길 빙판길 교통사고와 수도관 동파에 대비해 달라고 당부했다.',
    '',
    '### 한파 대비 요령',
    '',
    '1. 외출할 때는 모자와 장갑으로 체온을 지킨다.',
    '2. 수도 계량기함은 헌 옷 등으로 감싸 보온한다.',
    '3. 노약자는 새벽과 아침 시간대 야외 활동을 줄인다.',
    '',
    '서울시는 28일 오전 출근 시간대 지하철을 증편하고, 제설 차량 1,200여 대를 미리 배치했다고 밝혔다.',
    '',
  ].join('\n');
}

const states = [
  { state: 'none (no photo)', slug: 'bench-lcp-none', image: undefined },
  {
    state: 'before (original JPEG, /bench-photos/)',
    slug: 'bench-lcp-before',
    image: '/bench-photos/original.jpg',
  },
  { state: 'after (dropped, photo pipeline)', slug: 'bench-lcp-after', image: './original.jpg' },
];

async function until(what, test, timeoutMs = 120_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await test().catch(() => false)) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not after ${timeoutMs} ms`);
}
const page = async (slug) => (await fetch(`${base}/articles/${slug}`)).text();

// The photo, made the way bench/photos.mjs and bench/photo-drop.mjs make theirs.
const photo = await makeCameraJpeg({ width: 4000, height: 3000, quality: 95 });

fs.rmSync(contentDir, { recursive: true, force: true });
fs.rmSync(dataDir, { recursive: true, force: true });
fs.cpSync(path.resolve(source), contentDir, { recursive: true });
const folder = path.join(contentDir, 'bench-lcp');
fs.mkdirSync(folder, { recursive: true });
for (const { slug, image } of states)
  fs.writeFileSync(path.join(folder, `${slug}.md`), article(image));
fs.mkdirSync(publicPhotos, { recursive: true });
fs.writeFileSync(path.join(publicPhotos, 'original.jpg'), photo);

const server = spawn('node', ['scripts/start.mjs'], {
  cwd: root,
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    SITE_URL: base,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function stop() {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(server.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

let lines = [];
let dropToAvifMs;
let served;
try {
  await waitFor(`${base}/articles/bench-lcp-none`);
  for (const { slug } of states.slice(0, 2))
    await until(`/articles/${slug}`, async () => (await fetch(`${base}/articles/${slug}`)).ok);
  const before = await page('bench-lcp-before');
  if (!before.includes('src="/bench-photos/original.jpg"'))
    throw new Error('before: the page does not show /bench-photos/original.jpg');
  const original = await fetch(`${base}/bench-photos/original.jpg`);
  served = (await original.arrayBuffer()).byteLength;
  if (!original.ok || served !== photo.length)
    throw new Error(
      `before: /bench-photos/original.jpg answered ${original.status}, ${served} bytes`,
    );

  // The drop: beside the article, as an editor's upload would land (written, then renamed).
  const target = path.join(folder, 'original.jpg');
  fs.writeFileSync(`${target}.part`, photo);
  fs.renameSync(`${target}.part`, target);
  dropToAvifMs = await until('after: <picture> with AVIF', async () => {
    const html = await page('bench-lcp-after');
    return html.includes('<picture>') && html.includes('image/avif');
  });

  const out = execFileSync(
    'node',
    ['bench/lighthouse.mjs', base, ...states.map(({ slug }) => `/articles/${slug}`)],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  lines = out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
} finally {
  await stop();
  fs.rmSync(publicPhotos, { recursive: true, force: true });
}

const range = (s) => `${s.median} (${s.min}–${s.max})`;
console.log(
  `original: ${kb(photo.length)} KB, 4000×3000 JPEG (served as is: ${kb(served)} KB); drop → AVIF on the page: ${dropToAvifMs} ms`,
);
console.log(
  `Lighthouse 12.2.3 mobile, ${lines[0]?.runs ?? 0} runs each; row = median-performance run\n`,
);
console.log(
  '| state | LCP ms, median (min–max) | FCP ms | image KB transferred (min–max) | total KB | performance | TBT ms |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { state, slug } of states) {
  const r = lines.find((line) => line.path === `/articles/${slug}`);
  if (!r) {
    console.log(`| ${state} | — | — | — | — | — | — |`);
    continue;
  }
  console.log(
    `| ${state} | ${range(r.spread.lcpMs)} | ${range(r.spread.fcpMs)} | ${range(r.spread.imageKB)} | ${r.totalKB} | ${range(r.spread.performance)} | ${range(r.spread.tbtMs)} |`,
  );
}
console.log(`\nbenchmarkIndex: ${lines.map((r) => range(r.spread.benchmarkIndex)).join(', ')}`);
