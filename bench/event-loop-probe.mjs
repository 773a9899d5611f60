// Preloaded into the server by bench/event-loop.mjs (NODE_OPTIONS=--import): on SIGUSR2 it prints
// the main thread's event-loop delay since the last signal to stderr, and starts counting afresh.
// With BENCH_CPU_PROFILE=<folder>, it also writes the main thread's CPU profile since the last
// signal there (round-<n>.cpuprofile; open it in Chrome's DevTools), to find what held the loop.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // Garbage collection pauses the loop too: the longest pause and the time paused, per round.
  let gc = { max: 0, total: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.max = Math.max(gc.max, entry.duration);
      gc.total += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const profiles = process.env.BENCH_CPU_PROFILE;
  let session;
  let round = 0;
  if (profiles) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
  }
  process.on('SIGUSR2', async () => {
    const ms = (ns) => +(ns / 1e6).toFixed(1);
    console.error(
      `[event-loop] ${JSON.stringify({ p99: ms(delay.percentile(99)), max: ms(delay.max), gcMax: +gc.max.toFixed(1), gcTotal: Math.round(gc.total) })}`,
    );
    delay.reset();
    gc = { max: 0, total: 0 };
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      round += 1;
      fs.mkdirSync(profiles, { recursive: true });
      fs.writeFileSync(path.join(profiles, `round-${round}.cpuprofile`), JSON.stringify(profile));
      await session.post('Profiler.start');
    }
  });
}
