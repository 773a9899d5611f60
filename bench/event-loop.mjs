// Does costly content hold the server's event loop? Starts the built server (`next start`) on a
// free port with the sample content plus the costliest files (e2e/fixtures/costly-content.mjs: the
// heaviest ones the limits accept and refused ones that stalled the old server), then, for
// BENCH_SECONDS, saves those files again and again (an editor saving: a new size and mtime, so the
// page cache expires and the body renders afresh) and requests their articles, while wrk measures
// /api/breaking. An idle round first gives the baseline. Build first; `dir` is another built
// checkout to measure (the code before the change):
//   npm run build && node bench/event-loop.mjs [dir]
import { fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { COSTLY_CONTENT, writeCostlyContent } from '../e2e/fixtures/costly-content.mjs';

import { load, root, startNext, waitFor } from './support.mjs';

const dir = path.resolve(process.argv[2]?.startsWith('--') ? root : (process.argv[2] ?? root));
const duration = Number(process.env.BENCH_SECONDS ?? 20);

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Saves the costly files in turn and requests each one's article, until told to stop. */
async function runChurn(base, folder) {
  let stop = false;
  process.on('message', () => (stop = true));
  let saves = 0;
  const answers = {};
  const names = Object.keys(COSTLY_CONTENT);
  while (!stop) {
    const name = names[saves % names.length];
    saves += 1;
    // A comment changes size and mtime without adding a tag: each save renders again.
    fs.writeFileSync(path.join(folder, name), `${COSTLY_CONTENT[name]}\n<!-- ${saves} -->\n`);
    // Past the store's 300 ms settling time for a fresh save.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const started = Date.now();
    const slug = name.replace(/\.(md|html)$/, '');
    const response = await fetch(`${base}/articles/${slug}`, {
      signal: AbortSignal.timeout(120_000),
    }).catch((error) => ({ status: error.name }));
    const seen = (answers[slug] ??= { statuses: {}, slowestMs: 0 });
    seen.statuses[response.status] = (seen.statuses[response.status] ?? 0) + 1;
    seen.slowestMs = Math.max(seen.slowestMs, Date.now() - started);
    if (process.env.BENCH_DEBUG)
      console.error(`${slug} ${response.status} ${Date.now() - started} ms`);
  }
  process.send({ saves, answers }, () => process.exit(0));
}

if (process.argv[2] === '--churn') {
  await runChurn(process.argv[3], process.argv[4]);
} else {
  await measure();
}

async function measure() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-event-loop-'));
  const contentDir = path.join(work, 'content');
  const costlyDir = path.join(contentDir, 'costly');
  let next;
  try {
    fs.cpSync(path.join(root, 'content'), contentDir, { recursive: true });
    writeCostlyContent(costlyDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The probe reports the server's event-loop delay (bench/event-loop-probe.mjs).
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${path.join(import.meta.dirname, 'event-loop-probe.mjs')}`;
    next = startNext({ port, contentDir, dir, stdio: ['ignore', 'ignore', 'pipe'] });
    if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = nodeOptions;
    const eventLoop = async () => {
      const before = log.length;
      next.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const line = /\[event-loop\] (.*)/.exec(log.slice(before))?.[1];
      return line ? JSON.parse(line) : null;
    };
    let log = '';
    next.stderr.on('data', (d) => {
      log += d;
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
    });
    await waitFor(`${base}/api/breaking`);

    // A first round warms the server up; the second is the idle baseline.
    await load(`${base}/api/breaking`, { connections: 10, duration: 3 });
    await eventLoop();
    const idle = await load(`${base}/api/breaking`, { connections: 10, duration: 5 });
    const idleLoop = await eventLoop();

    // The saves and requests run in a child process: wrk runs synchronously (support.mjs), and
    // would hold this process's own event loop, and with it these requests, until it ends.
    const churn = fork(import.meta.filename, ['--churn', base, costlyDir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const churned = new Promise((resolve) => churn.on('message', resolve));
    // Let the first saves land before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await eventLoop();
    const loaded = await load(`${base}/api/breaking`, { connections: 10, duration });
    const loadedLoop = await eventLoop();
    churn.send('stop');
    const { saves, answers } = await churned;

    const failed = (log.match(/\[content\][^\n]*error[^\n]*/g) ?? []).filter(
      (line, i, all) => all.indexOf(line) === i,
    );
    console.log(
      JSON.stringify(
        {
          dir,
          seconds: duration,
          breakingIdle: { rps: idle.rps, p99: idle.p99, max: idle.max },
          eventLoopDelayIdle: idleLoop,
          breakingWhileCostly: {
            rps: loaded.rps,
            p99: loaded.p99,
            max: loaded.max,
            non2xx: loaded.non2xx,
            errors: loaded.errors,
          },
          eventLoopDelayWhileCostly: loadedLoop,
          saves,
          articles: answers,
          logged: failed,
        },
        null,
        2,
      ),
    );
  } finally {
    next?.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}
