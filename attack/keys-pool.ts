// A contributor's 1 MB article (within CONTENT_MAX_BYTES's default) whose front matter has 100,000 keys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listContentFiles } from '@/lib/content/files';
import { createReadPool } from '@/lib/workers/read-pool';
import { openFolderSource } from '@/lib/content/folder-source';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-keys-'));
const fm = (extra = '') => `---\ntitle: 제목\ncategories: 스포츠\ndate: 2024-01-01 10:00\n${extra}---\n`;
const keys = Number(process.env.KEYS ?? 100_000);
const hostile = fm(Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n') + '\n') + '본문';
console.log('hostile file', hostile.length, 'bytes');
for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(root, `a${String(i).padStart(2, '0')}.md`), fm() + '본문');
const mode = process.argv[2] ?? 'pool';
const t = performance.now();
if (mode === 'pool') {
  fs.writeFileSync(path.join(root, 'a05-keys.md'), hostile);
  const files = listContentFiles(root).map((entry) => { const s = fs.statSync(entry.absolute); return { entry, size: s.size, mtimeMs: s.mtimeMs }; });
  const pool = createReadPool({ size: 2 });
  const results = await pool.load(files, Date.now(), 1024 * 1024);
  console.log('pool load', Math.round(performance.now() - t), 'ms');
  for (const [i, r] of results.entries()) if (!r.ok || files[i]!.entry.path.includes('keys')) console.log(' ', files[i]!.entry.path, r.ok ? 'ok' : r.problems[0]?.message);
  await pool.close();
} else {
  // A running server's folder source: the first read done, then a contributor drops the file in.
  const source = openFolderSource({ root, live: true, background: true, maxFileBytes: 1024 * 1024, loader: createReadPool({ size: 2 }) });
  source.refresh(Date.now());
  await source.whenRead?.();
  console.log('first read done', Math.round(performance.now() - t), 'ms');
  fs.writeFileSync(path.join(root, 'a05-keys.md'), hostile);
  await new Promise((r) => setTimeout(r, 500));
  const t2 = performance.now();
  const ticker = setInterval(() => {}, 10);
  const s0 = performance.now();
  source.refresh(Date.now());
  console.log('  source.refresh() held the event loop (synchronous) for', Math.round(performance.now() - s0), 'ms');
  await new Promise((r) => setTimeout(r, 50));
  clearInterval(ticker);
  console.log('refresh after the watcher heard the file:', Math.round(performance.now() - t2), 'ms');
  const rec = [...source.files()].find((f) => f.entry.path.includes('keys'));
  console.log('  recorded:', rec?.result?.ok);
  source.close();
  process.exit(0);
}
fs.rmSync(root, { recursive: true, force: true });
