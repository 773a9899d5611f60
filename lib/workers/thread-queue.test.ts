import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, it } from 'vitest';

import { createThreadQueue, JOBS_PER_THREAD, ThreadsUnavailable, type ThreadQueue } from './thread-queue';

type Task = { crash?: boolean };
type Reply = { id: number; ok: true; thread: number; inbox: number[] } | { id: number; ok: false; message: string };

/**
 * A thread that answers each job 30 ms after it comes, saying which thread it is and which jobs
 * had reached it by then (its inbox); a job with `crash` stops it instead.
 */
const THREAD = `const { parentPort, threadId } = require('node:worker_threads');
const inbox = [];
parentPort.on('message', (job) => {
  inbox.push(job.id);
  if (job.crash) process.exit(3);
  setTimeout(() => parentPort.postMessage({ id: job.id, ok: true, thread: threadId, inbox: [...inbox] }), 30);
});
parentPort.postMessage('ready');`;

/** A thread whose events the test sends, in the order it chooses. */
class FakeThread extends EventEmitter {
  readonly posted: { id: number }[] = [];
  postMessage(job: { id: number }): void {
    this.posted.push(job);
  }
  unref(): void {}
  terminated = false;
  async terminate(): Promise<number> {
    if (!this.terminated) {
      this.terminated = true;
      setImmediate(() => this.emit('exit', 1));
    }
    return 1;
  }
}

/** A fake thread that starts and answers job `id`: what `job` (that job) then gives. */
function startAndAnswer(thread: FakeThread, job: Promise<unknown>, id: number): Promise<unknown> {
  thread.emit('message', 'ready');
  thread.emit('message', { id, ok: true, thread: id, inbox: [id] });
  return job;
}

/** A queue of one fake thread at a time; `threads` holds every one it started. */
function fakeQueue(): FakeThread[] {
  const threads: FakeThread[] = [];
  queue = createThreadQueue<Task, Reply>({
    name: '시험 스레드',
    size: 1,
    spawn: () => {
      const thread = new FakeThread();
      threads.push(thread);
      return thread as unknown as Worker;
    },
    idleMs: 60_000,
  });
  return threads;
}

let queue: ThreadQueue<Task, Reply> | undefined;
afterEach(async () => {
  await queue?.close();
  queue = undefined;
});

const open = (size: number, script = THREAD) =>
  (queue = createThreadQueue<Task, Reply>({
    name: '시험 스레드',
    size,
    spawn: () => new Worker(script, { eval: true }),
    idleMs: 60_000,
  }));

describe('createThreadQueue', () => {
  it('hands a thread its next jobs while it runs one, so it never waits for this event loop to send them', async () => {
    const threads = open(1);
    const replies = await Promise.all(Array.from({ length: JOBS_PER_THREAD + 2 }, () => threads.run({})));
    // When the first job was done, the next ones were already in the thread's inbox.
    expect(replies[0]!.inbox).toHaveLength(JOBS_PER_THREAD);
    expect(JOBS_PER_THREAD).toBeGreaterThan(1);
    // Never more than that many: the rest waited here, and came in the order asked.
    expect(replies.map((reply) => reply.id)).toEqual(replies.map((_, i) => i + 1));
    for (const reply of replies) expect(reply.inbox.length).toBeLessThanOrEqual(reply.id + JOBS_PER_THREAD - 1);
  });

  it('spreads jobs over every thread before a thread holds two', async () => {
    const threads = open(2);
    const [first, second] = await Promise.all([threads.run({}), threads.run({})]);
    expect(first!.thread).not.toBe(second!.thread);
    expect(first!.inbox).toEqual([first!.id]);
    expect(second!.inbox).toEqual([second!.id]);
  });

  it('fails only the job a thread stopped on: the jobs posted behind it run on a new thread', async () => {
    const threads = open(1);
    const crashed = threads.run({ crash: true });
    const behind = [threads.run({}), threads.run({})];
    const error = await crashed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ThreadsUnavailable);
    expect((error as Error).message).toContain('종료 코드 3');
    const replies = await Promise.all(behind);
    expect(replies.map((reply) => reply.id)).toEqual([2, 3]);
    // A new thread, which never saw the job that stopped the first one.
    expect(replies[0]!.inbox).not.toContain(1);
  });

  it('waits for a thread’s exit to act on its error: replies and its start sent before it count', async () => {
    // A thread's uncaught error reaches this event loop on a channel of its own, ahead of messages
    // the thread sent before it (seen with a real thread: a job answered before another threw was
    // failed, and a thread that had started was taken for one that never did). Node hands on every
    // message before 'exit'; these threads replay that order.
    const threads = fakeQueue();
    const answered = queue!.run({});
    const threw = queue!.run({ crash: true }).catch((e: unknown) => e);
    const behind = queue!.run({});
    const [first] = threads;
    expect(first!.posted.map((job) => job.id)).toEqual([1, 2, 3]);
    first!.emit('error', new Error('터짐'));
    first!.emit('message', 'ready');
    first!.emit('message', { id: 1, ok: true, thread: 1, inbox: [1] });
    first!.emit('exit', 1);
    expect(await answered).toMatchObject({ id: 1, ok: true });
    const error = await threw;
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ThreadsUnavailable);
    expect((error as Error).message).toBe('터짐');
    // The job behind the one it threw on goes to a new thread.
    expect(threads[1]!.posted.map((job) => job.id)).toEqual([3]);
    threads[1]!.emit('message', 'ready');
    threads[1]!.emit('message', { id: 3, ok: true, thread: 2, inbox: [3] });
    expect(await behind).toMatchObject({ id: 3 });
  });

  it('fails a job whose thread threw no error at all (null), and goes on', async () => {
    const threads = fakeQueue();
    const threw = queue!.run({}).catch((e: unknown) => e);
    const behind = queue!.run({});
    threads[0]!.emit('message', 'ready');
    threads[0]!.emit('error', null);
    threads[0]!.emit('exit', 1);
    expect(await threw).toBeInstanceOf(Error);
    expect(((await threw) as Error).message).toBe('null');
    expect(await startAndAnswer(threads[1]!, behind, 2)).toMatchObject({ id: 2 });
  });

  it('stops a thread whose reply cannot be read, failing the job that waited for it', async () => {
    const threads = fakeQueue();
    const unread = queue!.run({}).catch((e: unknown) => e);
    const behind = queue!.run({});
    threads[0]!.emit('message', 'ready');
    threads[0]!.emit('messageerror', new Error('Unknown deserialize spec'));
    const error = await unread;
    expect(threads[0]!.terminated).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('Unknown deserialize spec');
    expect(threads[1]!.posted.map((job) => job.id)).toEqual([2]);
    expect(await startAndAnswer(threads[1]!, behind, 2)).toMatchObject({ id: 2 });
  });

  it('fails every job it holds and every job waiting when no thread can start', async () => {
    const threads = open(1, 'process.exit(1);');
    const jobs = Array.from({ length: JOBS_PER_THREAD + 2 }, () => threads.run({}).catch((e: unknown) => e));
    for (const error of await Promise.all(jobs)) expect(error).toBeInstanceOf(ThreadsUnavailable);
  });
});
