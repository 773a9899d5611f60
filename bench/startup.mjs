// How long `next start` takes to answer with a large archive: the first answer from home (what a
// reader sees after a deploy or a restart) and the first from /api/breaking (which needs every
// article), once with no parse cache on disk (a first start), once with the cache the first start
// wrote (a restart). Any build serves any folder:
//   npm run build && node bench/startup.mjs bench/out/corpus-100000
import fs from 'node:fs';
import path from 'node:path';

import { root, rssMiB, startNext, waitFor } from './support.mjs';

const corpus = path.resolve(process.argv[2] ?? 'bench/out/corpus-10000');
const PORT = 3250;
const since = (started) => +((performance.now() - started) / 1000).toFixed(1);

async function start() {
  const started = performance.now();
  const server = startNext({ port: PORT, contentDir: corpus, stdio: 'ignore' });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/`, 180_000);
    const home = since(started);
    await waitFor(`http://127.0.0.1:${PORT}/api/breaking`, 180_000);
    return { homeSeconds: home, seconds: since(started), rssMiB: rssMiB(server.pid) };
  } finally {
    server.kill();
    await new Promise((resolve) => server.on('exit', resolve));
  }
}

fs.rmSync(path.join(root, '.next', 'cache', 'content'), { recursive: true, force: true });
const first = await start();
const restart = await start();
console.log(JSON.stringify({ corpus: path.relative(root, corpus), first, restart }));
