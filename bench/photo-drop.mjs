// A reporter's photo on a running production server: a camera JPEG (4000×3000, about 5 MB, GPS in
// its EXIF) dropped beside a new article. Measures the time from the drop to the photo on the page
// (WebP/JPEG), then to its AVIFs, and the bytes a 360 px phone downloads for the hero at 2× and 3×
// (the srcset candidate a browser picks for `sizes` = calc(100vw - 32px)), against the original.
//   flock /tmp/heavy.lock npx tsx bench/photo-drop.mjs <base-url> <content-folder> [tries=3]
import fs from 'node:fs';
import path from 'node:path';

const { makeCameraJpeg } = await import('../lib/media/test-photos.ts');

const [base = 'http://127.0.0.1:3000', folder = 'content', triesArg = '3'] = process.argv.slice(2);
const tries = Number(triesArg);
const dir = path.resolve(folder, 'bench-photo-drop');
fs.mkdirSync(dir, { recursive: true });

const html = async (url) => (await fetch(url)).text();
const kb = (bytes) => Math.round(bytes / 1024);

/** The srcset candidate a browser takes for a slot `cssWidth` px wide at `dpr`: the narrowest wide enough. */
function pick(srcset, cssWidth, dpr) {
  const candidates = srcset
    .split(',')
    .map((entry) => entry.trim().split(/\s+/))
    .map(([url, w]) => ({ url, width: Number(w.replace('w', '')) }))
    .sort((a, b) => a.width - b.width);
  return candidates.find((c) => c.width >= cssWidth * dpr) ?? candidates.at(-1);
}

async function until(test, timeoutMs = 60_000) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await test()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}

const samples = [];
let original = 0;
let phone;
try {
  for (let i = 0; i < tries; i += 1) {
    const slug = `photo-drop-${Date.now()}-${i}`;
    const url = `${base}/articles/${slug}`;
    fs.writeFileSync(path.join(dir, `${slug}.md`), `---\ntitle: 사진 측정 ${slug}\nimage: ./${slug}.jpg\n---\n\n본문\n`);
    await until(async () => (await fetch(url)).ok);
    const photo = await makeCameraJpeg({ width: 4000, height: 3000, quality: 95 });
    original = photo.length;
    const target = path.join(dir, `${slug}.jpg`);
    fs.writeFileSync(`${target}.part`, photo);
    const dropped = performance.now();
    fs.renameSync(`${target}.part`, target);
    await until(async () => (await html(url)).includes('<picture>'));
    const shown = performance.now() - dropped;
    await until(async () => (await html(url)).includes('image/avif'));
    const avif = performance.now() - dropped;
    samples.push({ shown: Math.round(shown), avif: Math.round(avif) });
    const page = await html(url);
    const srcset = /<source type="image\/avif" srcSet="([^"]+)"/i.exec(page)?.[1] ?? '';
    phone = {};
    for (const dpr of [2, 3]) {
      const chosen = pick(srcset, 360 - 32, dpr);
      const bytes = (await (await fetch(`${base}${chosen.url}`)).arrayBuffer()).byteLength;
      phone[`${dpr}x`] = `${chosen.width} w AVIF, ${kb(bytes)} KB`;
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`original: ${kb(original)} KB (4000×3000 JPEG)`);
console.log(`drop → on the page (WebP/JPEG): ${samples.map((s) => s.shown).join(' / ')} ms`);
console.log(`drop → AVIFs on the page: ${samples.map((s) => s.avif).join(' / ')} ms`);
console.log(`360 px phone, hero: ${Object.entries(phone ?? {}).map(([k, v]) => `${k} ${v}`).join('; ')}`);
