// What a photo costs: a camera-like 4000×3000 JPEG (about 5 MB, GPS and serial in its EXIF) made
// into every variant, three times: CPU and wall time per photo, the event loop's worst delay
// meanwhile (the server's requests wait that long at most), and the bytes of each variant. Also
// AVIF at effort 3 (what lib/media uses) against 2 and sharp's default 4, at 1600 and 480 px.
//   flock /tmp/heavy.lock npx tsx bench/photos.mjs
import { monitorEventLoopDelay } from 'node:perf_hooks';

import sharp from 'sharp';

const { makeCameraJpeg } = await import('../lib/media/test-photos.ts');
const { makeVariants } = await import('../lib/media/variants.ts');

const ms = (ns) => Math.round(ns / 1e6);
const kb = (bytes) => Math.round(bytes / 1024);

const original = await makeCameraJpeg({ width: 4000, height: 3000, quality: 95 });
// Loads libvips's codecs once, as a running server would have.
await makeVariants(await makeCameraJpeg({ width: 500, height: 400 }));

/** The event loop's delays while `work` runs: a 5 ms monitor, and a 10 ms timer's worst lateness. */
async function watchLoop(work) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let worstLate = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    worstLate = Math.max(worstLate, now - expected);
    expected = now + 10;
  }, 10);
  loop.enable();
  const value = await work();
  loop.disable();
  clearInterval(timer);
  const delays = {
    loopMaxMs: ms(loop.max),
    loopP99Ms: ms(loop.percentile(99)),
    timerWorstLateMs: Math.round(worstLate),
  };
  return { value, delays };
}

// The floor on a shared machine: the same watch over four idle seconds.
const idle = (await watchLoop(() => new Promise((resolve) => setTimeout(resolve, 4000)))).delays;

const runs = [];
let last;
for (let round = 0; round < 3; round += 1) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { value: result, delays } = await watchLoop(() => makeVariants(original));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!result.ok) throw new Error(result.message);
  last = result.photo;
  runs.push({
    cpuMs: Math.round((used.user + used.system) / 1000),
    wallMs: Math.round(wallMs),
    ...delays,
  });
}

const variants = Object.fromEntries(
  last.variants.map((v) => [`${v.width}.${v.format}`, kb(v.data.length)]),
);

async function avifAt(width, effort) {
  const base = await sharp(original).resize({ width }).raw().toBuffer({ resolveWithObject: true });
  const started = performance.now();
  const data = await sharp(base.data, { raw: base.info }).avif({ quality: 50, effort }).toBuffer();
  return { width, effort, ms: Math.round(performance.now() - started), kb: kb(data.length) };
}
const avifEffort = [];
for (const width of [1600, 480])
  for (const effort of [2, 3, 4]) avifEffort.push(await avifAt(width, effort));

const result = {
  sharp: sharp.versions.sharp,
  vips: sharp.versions.vips,
  concurrency: sharp.concurrency(),
  originalKB: kb(original.length),
  idle,
  runs,
  variantsKB: variants,
  placeholderBytes: last.placeholder.length,
  avifEffort,
};
console.log(JSON.stringify(result, null, 2));
