/**
 * A bounded queue for background work: a fixed number of jobs at a time, a fixed number waiting,
 * one job per key. When it is full, new work is refused at once rather than piling up memory;
 * the caller tries again later (a content source rescans anyway).
 */

export interface WorkQueue<T> {
  /** The job's promise, shared with a job of the same key already queued or running; undefined when full. */
  enqueue(key: string, job: () => Promise<T>): Promise<T> | undefined;
  /** How many jobs may wait. */
  readonly maxWaiting: number;
  /** Jobs running and waiting now. */
  size(): { running: number; waiting: number };
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
}

/** A queue that runs `concurrency` jobs at a time and holds at most `maxWaiting` more. */
export function createWorkQueue<T>({
  concurrency = 1,
  maxWaiting,
}: {
  concurrency?: number;
  maxWaiting: number;
}): WorkQueue<T> {
  const waiting: (() => void)[] = [];
  const byKey = new Map<string, Promise<T>>();
  let running = 0;
  let idleWaiters: (() => void)[] = [];

  function next(): void {
    while (running < concurrency && waiting.length > 0) {
      const start = waiting.shift();
      running += 1;
      start?.();
    }
    if (running === 0 && waiting.length === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  }

  return {
    maxWaiting,
    enqueue(key, job) {
      const known = byKey.get(key);
      if (known) return known;
      if (waiting.length >= maxWaiting) return undefined;
      const promise = new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          // The key is free before anyone hears the outcome: a caller that reacts by asking again
          // (the file changed meanwhile) gets a new job, not this finished one.
          const finish = () => {
            byKey.delete(key);
            running -= 1;
            next();
          };
          Promise.resolve()
            .then(job)
            .then(
              (value) => (finish(), resolve(value)),
              (error: unknown) => (finish(), reject(error)),
            );
        });
      });
      byKey.set(key, promise);
      // Started on a later turn, so the caller's request finishes before any work begins.
      setImmediate(next);
      return promise;
    },
    size: () => ({ running, waiting: waiting.length }),
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
