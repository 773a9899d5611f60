// The server's read pool as it is (512 MB a thread) with CONTENT_MAX_BYTES set to 1 GB by an
// operator: one 300 MB article (plain text) between two small ones. Prints each file's outcome.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listContentFiles } from '@/lib/content/files';
import { createReadPool } from '@/lib/workers/read-pool';

const mb = Number(process.env.MB ?? 300);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-oom-'));
const fm = `---\ntitle: 제목\ncategories: 스포츠\ndate: 2024-01-01 10:00\n---\n`;
fs.writeFileSync(path.join(root, 'a-good.md'), fm + '본문');
fs.writeFileSync(path.join(root, 'b-huge.md'), fm + 'a'.repeat(mb * 1024 * 1024));
fs.writeFileSync(path.join(root, 'c-good.md'), fm + '본문');
process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
const files = listContentFiles(root).map((entry) => {
  const s = fs.statSync(entry.absolute);
  return { entry, size: s.size, mtimeMs: s.mtimeMs };
});
const pool = createReadPool({ size: 1 });
const results = await pool.load(files, Date.now(), 1_000_000_000);
console.log(JSON.stringify(results.map((r, i) => [files[i]!.entry.path, r.ok ? 'ok' : r.problems[0]?.message])));
await pool.close();
