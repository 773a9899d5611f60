import { parseFrontMatter } from '@/lib/content/parse';
const N = 1024 * 1024 - 100;
const variants: Record<string, string> = {
  dashes: 'tags:\n' + '- x\n'.repeat(N / 4),
  flow: 'tags: [' + 'a,'.repeat(N / 2) + ']\n',
  keys: Array.from({ length: N / 10 }, (_, i) => `k${i}: 1`).join('\n') + '\n',
  nested: 'a: ' + '{b: '.repeat(N / 8) + '1' + '}'.repeat(N / 8) + '\n',
  seqnest: 'a:\n' + Array.from({ length: 1400 }, (_, i) => ' '.repeat(i) + '- ').join('\n') + 'x\n',
  quoted: 'title: "' + '\\u00e9'.repeat(N / 6) + '"\n',
  anchors: Array.from({ length: N / 16 }, (_, i) => `k${i}: &a${i} x`).join('\n') + '\n',
  comments: '#'.repeat(N) + '\ntitle: a\n',
  blockscalar: 'title: |\n' + '  x\n'.repeat(N / 4),
};
for (const [name, fm] of Object.entries(variants)) {
  const t = performance.now();
  const r = parseFrontMatter(`---\n${fm}---\n본문`);
  console.log(name, (fm.length / 1024) | 0, 'KB', Math.round(performance.now() - t), 'ms', r.ok ? 'ok' : r.problem.message.slice(0, 80), (process.memoryUsage().heapUsed >> 20) + 'MiB');
}
