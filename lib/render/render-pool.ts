import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { BodyFormat } from '@/lib/content/types';
import { processWide } from '@/lib/process-wide';
import { getDataDir } from '@/lib/site';
import { RUNS_FROM_SOURCE, sourceWorker } from '@/lib/workers/source-worker';

import type { ImageWithoutAlt } from './alt-text';
import type { RenderedBody, RenderOptions } from './pipeline';

/**
 * How long one render may take before its worker is stopped and the text counts as failed. The
 * worst text the limits accept renders in ~1.5 s on a busy two-core machine (bench/worst-body.mjs);
 * a timed-out text is never rendered again, so the budget keeps room for a loaded machine.
 */
export const RENDER_TIME_BUDGET_MS = 5000;
/**
 * A render running longer than this is slow: its file's later renders run one slow render at a
 * time, and a spare worker takes the other renders meanwhile. Ordinary articles take tens of ms.
 */
export const RENDER_SLOW_MS = 1000;
/** Renders waiting for a worker; past this a render is refused (and retried on a later request). */
export const RENDER_QUEUE_LIMIT = 256;
// A render that builds millions of nodes stops at this heap, in its own thread, not the server's.
const WORKER_HEAP_MB = 512;
/** Timed-out texts remembered (by hash), and files remembered as slow (by path). */
const REMEMBERED = 1000;

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
/** A render stopped at the time budget: the next request may try once more (a busy machine). */
export class RenderTimeoutError extends Error {}

export interface RenderPoolOptions {
  size?: number;
  timeoutMs?: number;
  slowMs?: number;
  queueLimit?: number;
  /** A small JSON file remembering timed-out texts between processes; without it, memory only. */
  timeoutsFile?: string;
  /** Starts a worker (tests give a stand-in that answers as told); the render worker by default. */
  spawn?: () => Worker;
}

export interface RenderPool {
  /**
   * Renders in a worker; rejects when the render fails, runs over the time budget (or did before:
   * a text that timed out is not rendered again) or cannot queue. `file` names the text's file:
   * one file's renders run one at a time, and a file that rendered slowly waits behind the others.
   */
  render(
    source: string,
    format: BodyFormat,
    options?: RenderOptions,
    file?: string,
  ): Promise<RenderedBody>;
  /** Renders in a worker as `render` does and lists the images without alt text. */
  lint(source: string, format: BodyFormat, file?: string): Promise<ImageWithoutAlt[]>;
  /** A body's words for the search index (lib/search/text.ts), parsed in a worker. */
  text(source: string, format: BodyFormat, file?: string): Promise<string>;
  /** Stops the workers; later calls start new ones. */
  close(): Promise<void>;
}

interface Pending {
  job: RenderJob;
  /** The text's identity: a text that timed out is refused by it. */
  hash: string;
  file?: string;
  /** It ran past `slowMs` once and was stopped to wait for its turn as a slow render. */
  slow?: boolean;
  resolve: (reply: RenderReply & { ok: true }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker?: Worker;
  /** The worker has loaded the pipeline: the time budget measures rendering, not start-up. */
  ready?: boolean;
  busy?: Pending;
  /** The job in hand is slow: its file rendered slowly before, or it has run past `slowMs`. */
  slow?: boolean;
  timer?: NodeJS.Timeout;
  slowTimer?: NodeJS.Timeout;
}

const hashText = (source: string, format: BodyFormat) =>
  createHash('sha256').update(format).update('\u0000').update(source).digest('hex').slice(0, 32);

/** A set that forgets its oldest members past `limit`. */
function remember(set: Set<string>, value: string, limit = REMEMBERED) {
  set.delete(value);
  set.add(value);
  for (const oldest of set) {
    if (set.size <= limit) break;
    set.delete(oldest);
  }
}

/**
 * Times a text must time out before it is refused: once may be a machine that was busy (a build,
 * a backup, a neighbour), twice is the text.
 */
export const TIMEOUTS_BEFORE_REFUSAL = 2;

/** Remembered texts and how often each timed out (the file lists a hash once per time). */
type Timeouts = Map<string, number>;

function readTimeouts(file: string | undefined): Timeouts {
  const counts: Timeouts = new Map();
  if (!file) return counts;
  try {
    const saved: unknown = JSON.parse(fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8'));
    const hashes = Array.isArray(saved)
      ? saved.filter((h) => typeof h === 'string' && /^[0-9a-f]{32}$/.test(h))
      : [];
    for (const hash of hashes) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    while (counts.size > REMEMBERED) counts.delete(counts.keys().next().value!);
  } catch {
    // None yet, or unreadable: every text gets its first try.
  }
  return counts;
}

/** Counts one more time-out of `hash`, forgetting the oldest texts past REMEMBERED. */
function countTimeout(counts: Timeouts, hash: string) {
  const times = Math.min(TIMEOUTS_BEFORE_REFUSAL, (counts.get(hash) ?? 0) + 1);
  counts.delete(hash);
  counts.set(hash, times);
  while (counts.size > REMEMBERED) counts.delete(counts.keys().next().value!);
}

const isRefused = (counts: Timeouts, hash: string) =>
  (counts.get(hash) ?? 0) >= TIMEOUTS_BEFORE_REFUSAL;

function writeTimeouts(file: string | undefined, counts: Timeouts) {
  if (!file) return;
  const temporary = `${file}.${process.pid}.tmp`;
  const listed = [...counts].flatMap(([hash, times]) => Array<string>(times).fill(hash));
  try {
    fs.mkdirSync(/* turbopackIgnore: true */ path.dirname(file), { recursive: true });
    fs.writeFileSync(/* turbopackIgnore: true */ temporary, JSON.stringify(listed));
    fs.renameSync(/* turbopackIgnore: true */ temporary, file);
  } catch {
    // A read-only data folder: the memory of this process still holds them.
    fs.rmSync(/* turbopackIgnore: true */ temporary, { force: true });
  }
}

// Under tsx and vitest the worker is this folder's TypeScript source; in Next's server bundle, the
// chunk Turbopack builds from `new Worker(new URL(...))`.
function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  const worker = RUNS_FROM_SOURCE
    ? sourceWorker(import.meta.resolve('./render-worker.ts'), { resourceLimits })
    : new Worker(new URL('./render-worker.ts', import.meta.url), { resourceLimits });
  return worker;
}

/**
 * A pool of render workers: a bounded queue, one job per worker, a time budget per job, and
 * fairness: one render at a time per file, one slow render at a time (a render that turns slow
 * while another is slow is stopped and waits its turn), and a spare worker for the other renders
 * while the workers are held by a slow one.
 */
export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const size = options.size ?? Math.min(2, Math.max(1, os.availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? RENDER_TIME_BUDGET_MS;
  const slowMs = options.slowMs ?? RENDER_SLOW_MS;
  const queueLimit = options.queueLimit ?? RENDER_QUEUE_LIMIT;
  const spawn = options.spawn ?? spawnWorker;
  for (const [name, value] of Object.entries({ size, timeoutMs, slowMs, queueLimit })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `렌더링 작업 스레드 설정이 잘못되었습니다: ${name}는 1 이상의 정수여야 합니다 (${value})`,
      );
    }
  }
  // The last slot is the spare: it works only while every other one is held by a slow render.
  const slots: Slot[] = Array.from({ length: size + 1 }, () => ({}));
  const spare = slots[size];
  const queue: Pending[] = [];
  const slowFiles = new Set<string>();
  let timedOut: Timeouts | undefined;
  let nextId = 0;
  const seconds = timeoutMs / 1000;

  const finish = (slot: Slot) => {
    clearTimeout(slot.timer);
    clearTimeout(slot.slowTimer);
    slot.timer = undefined;
    slot.slowTimer = undefined;
    slot.busy = undefined;
    slot.slow = false;
  };

  /** Stops a slot's worker; its job fails with `reason`, or with no reason waits for another turn. */
  const retire = (slot: Slot, worker: Worker, reason?: string, timedOutNow = false) => {
    if (slot.worker !== worker) return;
    const failed = slot.busy;
    const started = slot.ready;
    finish(slot);
    slot.worker = undefined;
    slot.ready = false;
    void worker.terminate();
    if (failed && reason === undefined) queue.unshift(failed);
    else if (failed) failed.reject(timedOutNow ? new RenderTimeoutError(reason) : new Error(reason));
    // A worker that cannot even start (its file missing, a broken build) fails what waits, loudly.
    else if (!started) for (const waiting of queue.splice(0)) waiting.reject(new Error(reason));
    dispatch();
  };

  const timeOut = (slot: Slot, worker: Worker) => {
    const pending = slot.busy;
    if (pending) {
      // Read again: another process (the content check, another instance) may have counted it.
      timedOut = readTimeouts(options.timeoutsFile);
      countTimeout(timedOut, pending.hash);
      writeTimeouts(options.timeoutsFile, timedOut);
    }
    retire(slot, worker, `렌더링이 시간 한도(${seconds}초)를 넘었습니다`, true);
  };

  const turnSlow = (slot: Slot, worker: Worker) => {
    const pending = slot.busy;
    if (!pending) return;
    if (pending.file) remember(slowFiles, pending.file);
    // One slow render at a time: a second one stops and waits, its file now known to be slow.
    if (slots.some((other) => other !== slot && other.slow)) {
      pending.slow = true;
      retire(slot, worker);
    } else {
      slot.slow = true;
      dispatch();
    }
  };

  const start = (slot: Slot): Worker => {
    const worker = spawn();
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

  const isSlow = (pending: Pending) =>
    pending.slow === true || (pending.file !== undefined && slowFiles.has(pending.file));

  /** The next job to run: not of a file already rendering; a slow one only when none is running. */
  function take(): Pending | undefined {
    const rendering = new Set(slots.map((slot) => slot.busy?.file));
    const slowRunning = slots.some((slot) => slot.slow);
    let slowAt = -1;
    for (let i = 0; i < queue.length; i += 1) {
      const pending = queue[i];
      if (!pending || (pending.file !== undefined && rendering.has(pending.file))) continue;
      if (!isSlow(pending)) return queue.splice(i, 1)[0];
      if (slowAt < 0 && !slowRunning) slowAt = i;
    }
    return slowAt >= 0 ? queue.splice(slowAt, 1)[0] : undefined;
  }

  /** The spare works only while every other slot is busy and one of them with a slow render. */
  const isSpareNeeded = () =>
    slots.some((slot) => slot.slow) && slots.every((slot) => slot === spare || slot.busy);

  function assign() {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (slot === spare && !slot.busy && !isSpareNeeded()) continue;
      if (!slot.worker) start(slot);
      const worker = slot.worker;
      if (!worker || !slot.ready || slot.busy) continue;
      const pending = take();
      if (!pending) return;
      slot.busy = pending;
      slot.slow = isSlow(pending);
      slot.timer = setTimeout(() => timeOut(slot, worker), timeoutMs);
      if (!slot.slow) slot.slowTimer = setTimeout(() => turnSlow(slot, worker), slowMs);
      worker.postMessage(pending.job);
    }
  }

  const run = (
    op: RenderJob['op'],
    source: string,
    format: BodyFormat,
    renderOptions: RenderOptions,
    file: string | undefined,
  ) =>
    new Promise<RenderReply & { ok: true }>((resolve, reject) => {
      // A search index's reading of a body (`text`) is counted apart from rendering it: a slow
      // read while the server is busy must never refuse the page its body.
      const hash = op === 'text' ? `${hashText(source, format)}:text` : hashText(source, format);
      timedOut ??= readTimeouts(options.timeoutsFile);
      if (isRefused(timedOut, hash)) {
        reject(
          new Error(
            `렌더링이 시간 한도(${seconds}초)를 넘었던 본문이라 다시 렌더링하지 않습니다 (파일을 고치면 다시 합니다)`,
          ),
        );
        return;
      }
      if (queue.length >= queueLimit) {
        reject(new RenderQueueFullError(`렌더링 대기열이 가득 찼습니다 (${queueLimit}건)`));
        return;
      }
      nextId += 1;
      queue.push({
        job: { id: nextId, op, source, format, options: renderOptions },
        hash,
        file,
        resolve,
        reject,
      });
      dispatch();
    });

  return {
    async render(source, format, renderOptions = {}, file) {
      const reply = await run('render', source, format, renderOptions, file);
      if (!reply.body) throw new Error('작업 스레드가 렌더링 결과를 보내지 않았습니다');
      return reply.body;
    },
    async lint(source, format, file) {
      return (await run('lint', source, format, {}, file)).images ?? [];
    },
    async text(source, format, file) {
      return (await run('text', source, format, {}, file)).text ?? '';
    },
    async close() {
      const reason = '렌더링 작업 스레드를 닫았습니다';
      const workers = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
      for (const waiting of queue.splice(0)) waiting.reject(new Error(reason));
      for (const slot of slots) {
        if (slot.worker) retire(slot, slot.worker, reason);
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * The process's render pool, started on first use (one for pages and route handlers alike);
 * timed-out texts are remembered in the data folder.
 */
export function getRenderPool(): RenderPool {
  return processWide('hangul-news.render-pool', () =>
    createRenderPool({ timeoutsFile: path.join(getDataDir(), 'render-timeouts.json') }),
  );
}
