import { describe, expect, it } from 'vitest';

import { createWorkQueue } from './work-queue';

function deferred() {
  let resolve: (value: string) => void = () => undefined;
  const promise = new Promise<string>((done) => (resolve = done));
  return { promise, resolve };
}

describe('createWorkQueue', () => {
  it('runs one job at a time, in order, never on the caller’s turn', async () => {
    const queue = createWorkQueue<string>({ concurrency: 1, maxWaiting: 5 });
    const first = deferred();
    const started: string[] = [];
    const a = queue.enqueue('a', () => (started.push('a'), first.promise));
    const b = queue.enqueue('b', async () => (started.push('b'), 'b'));
    expect(started).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a']);
    expect(queue.size()).toEqual({ running: 1, waiting: 1 });
    first.resolve('a');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    await queue.idle();
    expect(queue.size()).toEqual({ running: 0, waiting: 0 });
  });

  it('shares one job between callers of the same key', async () => {
    const queue = createWorkQueue<number>({ maxWaiting: 5 });
    let runs = 0;
    const job = async () => ++runs;
    const [x, y] = [queue.enqueue('k', job), queue.enqueue('k', job)];
    expect(x).toBe(y);
    expect(await x).toBe(1);
    expect(await queue.enqueue('k', job)).toBe(2);
  });

  it('refuses work beyond its bound instead of holding it', async () => {
    const queue = createWorkQueue<string>({ concurrency: 1, maxWaiting: 2 });
    const block = deferred();
    queue.enqueue('running', () => block.promise);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.enqueue('w1', async () => 'w1')).toBeDefined();
    expect(queue.enqueue('w2', async () => 'w2')).toBeDefined();
    expect(queue.enqueue('w3', async () => 'w3')).toBeUndefined();
    block.resolve('done');
    await queue.idle();
  });

  it('goes on after a job fails', async () => {
    const queue = createWorkQueue<string>({ maxWaiting: 5 });
    await expect(queue.enqueue('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await queue.enqueue('good', async () => 'ok')).toBe('ok');
  });
});
