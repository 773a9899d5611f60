import { afterEach, describe, expect, it, vi } from 'vitest';

import { openUrlBatcher } from './batch';

afterEach(() => {
  vi.useRealTimers();
});

function batcher(maxPending = 1000) {
  const sent: string[][] = [];
  const logged: string[] = [];
  const b = openUrlBatcher({
    delayMs: 3000,
    maxPending,
    send: async (urls) => {
      sent.push(urls);
    },
    log: (line) => logged.push(line),
  });
  return { b, sent, logged };
}

describe('batching changed URLs', () => {
  it('changes within the delay go as one batch, each URL once; later ones as the next', async () => {
    vi.useFakeTimers();
    const { b, sent } = batcher();
    b.add(['u1', 'u2']);
    await vi.advanceTimersByTimeAsync(1000);
    b.add(['u2', 'u3']);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([['u1', 'u2', 'u3']]);
    b.add(['u1']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(sent).toEqual([['u1', 'u2', 'u3'], ['u1']]);
  });

  it('holds at most maxPending URLs and says how many it dropped, once a batch', async () => {
    const { b, sent, logged } = batcher(100);
    b.add(Array.from({ length: 250 }, (_, i) => `u${i}`));
    expect(b.pending()).toBe(100);
    await b.flush();
    expect(sent[0]).toHaveLength(100);
    expect(logged).toEqual([expect.stringContaining('150개는 알리지 않았습니다')]);
  });

  it('sends one batch at a time: a slow send holds the next back', async () => {
    let release: () => void = () => {};
    const order: string[] = [];
    const b = openUrlBatcher({
      delayMs: 10,
      maxPending: 10,
      send: async (urls) => {
        order.push(`start ${urls.join()}`);
        if (urls[0] === 'a') await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${urls.join()}`);
      },
      log: () => {},
    });
    b.add(['a']);
    const first = b.flush();
    b.add(['b']);
    const second = b.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['start a']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
