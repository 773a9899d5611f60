// Preloaded into the server by bench/event-loop.mjs (NODE_OPTIONS=--import): on SIGUSR2 it prints
// the main thread's event-loop delay since the last signal to stderr, and starts counting afresh.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns) => +(ns / 1e6).toFixed(1);
    console.error(
      `[event-loop] ${JSON.stringify({ p99: ms(delay.percentile(99)), max: ms(delay.max) })}`,
    );
    delay.reset();
  });
}
