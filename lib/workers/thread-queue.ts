import type { Worker } from 'node:worker_threads';

/**
 * No thread could start, or the queue was closed: nothing is wrong with the work — do it on the
 * caller's thread (or not at all).
 */
export class ThreadsUnavailable extends Error {
  override name = 'ThreadsUnavailable';
}

/** What a thread answers a job with (after a first `'ready'` message once it has started). */
export type ThreadReply = { id: number; ok: true } | { id: number; ok: false; message: string };

export interface ThreadQueueOptions<Reply extends ThreadReply> {
  /** What the threads are called in errors and logs (`읽기 작업 스레드`). */
  name: string;
  /** Threads at most, each started on demand. */
  size: number;
  spawn: () => Worker;
  /** A thread with nothing to do this long is stopped. */
  idleMs: number;
  /** The error a failed job rejects with; by default its message. */
  toError?: (reply: Extract<Reply, { ok: false }>) => Error;
}

/**
 * Jobs posted to a thread at once: the one it runs and the next ones, waiting in its inbox, so
 * that it goes on without waiting for this thread's event loop to send them. A first start's event
 * loop is held ~0.2 s at a time by the content index's writes, and with one job a thread (25 files,
 * ~25 ms) the read threads waited for it. It pays only with the threads behind the event loop
 * (background.ts): read threads kept busy at the same priority took the CPU the index writes and
 * readers' requests need, and the first start was slower (bench/RESULTS.md, eleventh round).
 */
export const JOBS_PER_THREAD = 4;

/** Jobs run in the order asked on up to `size` threads, each running one at a time. */
export interface ThreadQueue<Task, Reply extends ThreadReply> {
  run(task: Task): Promise<Extract<Reply, { ok: true }>>;
  /** Refuses every job from now on (ThreadsUnavailable), fails what waits, stops the threads. */
  close(): Promise<void>;
}

interface Pending<Reply extends ThreadReply> {
  job: { id: number };
  resolve: (reply: Extract<Reply, { ok: true }>) => void;
  reject: (error: Error) => void;
}

interface Slot<Reply extends ThreadReply> {
  worker?: Worker;
  /** The jobs posted to it, in the order it runs them. */
  busy: Pending<Reply>[];
  /** Stops the thread once it has had nothing to do for idleMs. */
  idle?: NodeJS.Timeout;
}

/**
 * Threads for the server's bulk work (lib/workers/read-pool.ts, search-writer.ts): started when a
 * job comes, stopped after idleMs without one (a thread holds tens of MiB). A thread that fails
 * (out of memory, a crash) fails the job it was running, and the jobs behind it go to a new
 * thread; one that never started (its chunk missing from a broken build) fails everything waiting
 * with ThreadsUnavailable, and the caller then does the work on its own thread.
 */
export function createThreadQueue<Task extends object, Reply extends ThreadReply>(
  options: ThreadQueueOptions<Reply>,
): ThreadQueue<Task, Reply> {
  const { name, spawn, idleMs } = options;
  const toError = options.toError ?? ((reply) => new Error(reply.message));
  const slots: Slot<Reply>[] = Array.from({ length: options.size }, () => ({ busy: [] }));
  const queue: Pending<Reply>[] = [];
  let nextId = 0;
  let closed = false;

  function retire(slot: Slot<Reply>, worker: Worker, reason: string, started: boolean): void {
    if (slot.worker !== worker) return;
    clearTimeout(slot.idle);
    const [failed, ...unstarted] = slot.busy;
    slot.worker = undefined;
    slot.busy = [];
    void worker.terminate();
    if (started) {
      // The thread stopped on the job it was running; the ones behind it never ran: they go
      // first to the next thread, in their order.
      failed?.reject(new Error(reason));
      queue.unshift(...unstarted);
    } else {
      const error = new ThreadsUnavailable(reason);
      for (const job of [failed, ...unstarted]) job?.reject(error);
      for (const waiting of queue.splice(0)) waiting.reject(error);
    }
    dispatch();
  }

  function start(slot: Slot<Reply>): Worker {
    const worker = spawn();
    let started = false;
    worker.unref();
    worker.on('message', (reply: Reply | 'ready') => {
      if (reply === 'ready') {
        started = true;
        return;
      }
      const pending = slot.busy[0];
      if (!pending || pending.job.id !== reply.id) return;
      slot.busy.shift();
      if (reply.ok) pending.resolve(reply as Extract<Reply, { ok: true }>);
      else pending.reject(toError(reply as Extract<Reply, { ok: false }>));
      dispatch();
    });
    // A thread's uncaught error comes on a channel of its own, ahead of replies it sent before it
    // (and of its 'ready'): acting on it then would fail a job that was done, or take a thread that
    // ran for one that never started. Node hands on every message before 'exit', so that is when
    // the thread is retired, with the error as its reason.
    let failure: string | undefined;
    // A thread may throw anything, null included.
    worker.on('error', (error: unknown) => {
      failure ??= error instanceof Error ? error.message : String(error);
    });
    // A reply this thread cannot read (a 'messageerror', and nothing else follows): the job waiting
    // for it would wait for ever. The thread is stopped, and retired at its exit.
    worker.on('messageerror', (error) => {
      failure ??= `${name}의 답을 읽을 수 없습니다: ${error.message}`;
      void worker.terminate();
    });
    worker.on('exit', (code) => retire(slot, worker, failure ?? `${name}가 멈췄습니다 (종료 코드 ${code})`, started));
    slot.worker = worker;
    return worker;
  }

  function dispatch(): void {
    // Round after round, one job a thread each: the jobs spread over every thread before any
    // holds two.
    for (let held = 0; held < JOBS_PER_THREAD && queue.length > 0; held += 1) {
      for (const slot of slots) {
        if (slot.busy.length > held) continue;
        const next = queue.shift();
        if (!next) break;
        clearTimeout(slot.idle);
        slot.busy.push(next);
        (slot.worker ?? start(slot)).postMessage(next.job);
      }
    }
    // Once, after the rounds: a thread left with nothing starts its idle time.
    if (queue.length === 0) for (const slot of slots) stopWhenIdle(slot);
  }

  function stopWhenIdle(slot: Slot<Reply>): void {
    const worker = slot.worker;
    if (!worker || slot.busy.length > 0) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.worker !== worker || slot.busy.length > 0) return;
      slot.worker = undefined;
      void worker.terminate();
    }, idleMs);
    slot.idle.unref();
  }

  return {
    run(task) {
      if (closed) return Promise.reject(new ThreadsUnavailable(`${name}를 닫았습니다`));
      return new Promise((resolve, reject) => {
        queue.push({ job: { ...task, id: (nextId += 1) }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const error = new ThreadsUnavailable(`${name}를 닫았습니다`);
      for (const waiting of queue.splice(0)) waiting.reject(error);
      await Promise.all(
        slots.map(async (slot) => {
          clearTimeout(slot.idle);
          const worker = slot.worker;
          slot.worker = undefined;
          for (const job of slot.busy.splice(0)) job.reject(error);
          await worker?.terminate();
        }),
      );
    },
  };
}
