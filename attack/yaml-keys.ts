import { parseDocument } from 'yaml';
import matter from 'gray-matter';
for (const n of [10000, 20000, 40000]) {
  const src = Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n') + '\n';
  for (const uniqueKeys of [true, false]) {
    const t = performance.now();
    parseDocument(src, { schema: 'core', uniqueKeys });
    console.log(n, 'uniqueKeys', uniqueKeys, Math.round(performance.now() - t), 'ms');
  }
  const t = performance.now();
  try { matter(`---\n${src}---\nx`, { engines: { yaml: () => ({}) } } as never); } catch {}
  console.log(n, 'gray-matter noop engine', Math.round(performance.now() - t), 'ms');
}
