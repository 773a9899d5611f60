import os from 'node:os';
import { Worker } from 'node:worker_threads';

import type { BodyFormat } from '@/lib/content/types';

import type { ImageWithoutAlt } from './alt-text';
import type { RenderedBody, RenderOptions } from './pipeline';

/** How long one render may take before its worker is stopped and the content counts as failed. */
export const RENDER_TIME_BUDGET_MS = 5000;
/** Renders waiting for a worker; past this a render is refused (and retried on a later request). */
export const RENDER_QUEUE_LIMIT = 256;
// A render that builds millions of nodes stops at this heap, in its own thread, not the server's.
const WORKER_HEAP_MB = 512;

export type RenderJob = {
  id: number;
  op: 'render' | 'lint' | 'text';
  source: string;
  format: BodyFormat;
  options: RenderOptions;
};
export type RenderReply =
  | { id: number; ok: true; body?: RenderedBody; images?: ImageWithoutAlt[]; text?: string }
  | { id: number; ok: false; message: string };

/** Every worker is busy and the queue is full: nothing is wrong with the content, try again later. */
export class RenderQueueFullError extends Error {}

export interface RenderPoolOptions {
  size?: number;
  timeoutMs?: number;
  queueLimit?: number;
}

export interface RenderPool {
  /** Renders in a worker; rejects when the render fails, runs over the time budget or cannot queue. */
  render(source: string, format: BodyFormat, options?: RenderOptions): Promise<RenderedBody>;
  /** Renders in a worker as `render` does and lists the images without alt text. */
  lint(source: string, format: BodyFormat): Promise<ImageWithoutAlt[]>;
  /** A body's words for the search index (lib/search/text.ts), parsed in a worker. */
  text(source: string, format: BodyFormat): Promise<string>;
  /** Stops the workers; later calls start new ones. */
  close(): Promise<void>;
}

interface Pending {
  job: RenderJob;
  resolve: (reply: RenderReply & { ok: true }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker?: Worker;
  /** The worker has loaded the pipeline: the time budget measures rendering, not start-up. */
  ready?: boolean;
  busy?: Pending;
  timer?: NodeJS.Timeout;
}

// Under tsx and vitest the worker is this folder's TypeScript source, loaded through tsx (Node 20
// applies no `--import` loader to a worker's entry). In Next's server bundle (where NEXT_RUNTIME is
// set) it is the chunk Turbopack builds from `new Worker(new URL(...))`. `import.meta.url` cannot
// tell them apart: Turbopack gives it the source file's name.
const FROM_SOURCE = !process.env.NEXT_RUNTIME;
const TSX_ENTRY = `import('tsx/esm/api').then(({ tsImport }) => {
  const { workerData } = require('node:worker_threads');
  return tsImport(workerData, workerData);
});`;

function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  const worker = FROM_SOURCE
    ? new Worker(TSX_ENTRY, {
        eval: true,
        workerData: import.meta.resolve('./render-worker.ts'),
        resourceLimits,
      })
    : new Worker(new URL('./render-worker.ts', import.meta.url), { resourceLimits });
  return worker;
}

/** A pool of render workers: a bounded queue, one job per worker, a time budget per job. */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const size = options.size ?? Math.min(2, Math.max(1, os.availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? RENDER_TIME_BUDGET_MS;
  const queueLimit = options.queueLimit ?? RENDER_QUEUE_LIMIT;
  for (const [name, value] of Object.entries({ size, timeoutMs, queueLimit })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `렌더링 작업 스레드 설정이 잘못되었습니다: ${name}는 1 이상의 정수여야 합니다 (${value})`,
      );
    }
  }
  const slots: Slot[] = Array.from({ length: size }, () => ({}));
  const queue: Pending[] = [];
  let nextId = 0;

  const finish = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.busy = undefined;
  };

  const retire = (slot: Slot, worker: Worker, reason: string) => {
    if (slot.worker !== worker) return;
    const failed = slot.busy;
    const started = slot.ready;
    finish(slot);
    slot.worker = undefined;
    slot.ready = false;
    void worker.terminate();
    if (failed) failed.reject(new Error(reason));
    // A worker that cannot even start (its file missing, a broken build) fails what waits, loudly.
    else if (!started) for (const waiting of queue.splice(0)) waiting.reject(new Error(reason));
    dispatch();
  };

  const start = (slot: Slot): Worker => {
    const worker = spawnWorker();
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: RenderReply | 'ready') => {
      if (slot.worker !== worker) return;
      if (reply === 'ready') {
        slot.ready = true;
        dispatch();
        return;
      }
      const pending = slot.busy;
      if (!pending || pending.job.id !== reply.id) return;
      finish(slot);
      if (reply.ok) pending.resolve(reply);
      else pending.reject(new Error(reply.message));
      dispatch();
    });
    worker.on('error', (error) =>
      retire(slot, worker, `렌더링 작업 스레드가 멈췄습니다: ${error.message}`),
    );
    worker.on('exit', () => retire(slot, worker, '렌더링 작업 스레드가 끝났습니다'));
    return worker;
  };

  function dispatch() {
    assign();
    // Work in hand keeps the process alive; an idle worker never keeps a script (content:check,
    // a test) from ending.
    const working = queue.length > 0 || slots.some((slot) => slot.busy);
    for (const slot of slots) {
      if (working) slot.worker?.ref();
      else slot.worker?.unref();
    }
  }

  function assign() {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.worker) start(slot);
      const worker = slot.worker;
      if (!worker || !slot.ready || slot.busy) continue;
      const pending = queue.shift();
      if (!pending) return;
      slot.busy = pending;
      slot.timer = setTimeout(
        () => retire(slot, worker, `렌더링이 시간 한도(${timeoutMs / 1000}초)를 넘었습니다`),
        timeoutMs,
      );
      worker.postMessage(pending.job);
    }
  }

  const run = (
    op: RenderJob['op'],
    source: string,
    format: BodyFormat,
    renderOptions: RenderOptions,
  ) =>
    new Promise<RenderReply & { ok: true }>((resolve, reject) => {
      if (queue.length >= queueLimit) {
        reject(new RenderQueueFullError(`렌더링 대기열이 가득 찼습니다 (${queueLimit}건)`));
        return;
      }
      nextId += 1;
      queue.push({
        job: { id: nextId, op, source, format, options: renderOptions },
        resolve,
        reject,
      });
      dispatch();
    });

  return {
    async render(source, format, renderOptions = {}) {
      const reply = await run('render', source, format, renderOptions);
      if (!reply.body) throw new Error('작업 스레드가 렌더링 결과를 보내지 않았습니다');
      return reply.body;
    },
    async lint(source, format) {
      return (await run('lint', source, format, {})).images ?? [];
    },
    async text(source, format) {
      return (await run('text', source, format, {})).text ?? '';
    },
    async close() {
      const workers = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
      for (const slot of slots) {
        if (slot.worker) retire(slot, slot.worker, '렌더링 작업 스레드를 닫았습니다');
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

let processPool: RenderPool | undefined;

/** The process's render pool, started on first use. */
export function getRenderPool(): RenderPool {
  processPool ??= createRenderPool();
  return processPool;
}
