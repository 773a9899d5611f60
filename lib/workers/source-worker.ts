import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Whether this process runs our TypeScript sources (tsx, vitest) rather than Next's server bundle
 * (where NEXT_RUNTIME is set). `import.meta.url` cannot tell them apart: Turbopack gives it the
 * source file's name.
 */
export const RUNS_FROM_SOURCE = !process.env.NEXT_RUNTIME;

// Node 20 applies no `--import` loader to a worker's entry: the source worker loads through tsx.
const TSX_ENTRY = `import('tsx/esm/api').then(({ tsImport }) => {
  const { workerData } = require('node:worker_threads');
  return tsImport(workerData, workerData);
});`;

/**
 * A worker running a TypeScript module of ours, from source (tests, tools). In the server bundle,
 * call `new Worker(new URL('./the-worker.ts', import.meta.url), options)` where the worker is
 * written: Turbopack builds the worker's chunk from that very expression.
 */
export function sourceWorker(moduleUrl: string, options: Omit<WorkerOptions, 'eval' | 'workerData'> = {}): Worker {
  return new Worker(TSX_ENTRY, { ...options, eval: true, workerData: moduleUrl });
}
