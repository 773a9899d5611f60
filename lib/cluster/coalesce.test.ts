import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { coalesce } from './coalesce';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Work that counts its runs and takes `ms` of (fake) time. */
function counted(ms = 100) {
  const runs = { count: 0 };
  const work = async () => {
    runs.count += 1;
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
  return { runs, work };
}

describe('coalesce', () => {
  it('turns 200 requests inside the gap into one run now and one trailing run, never more', async () => {
    const { runs, work } = counted();
    const gate = coalesce(work, 3000);
    const all = Array.from({ length: 200 }, () => gate.request());
    expect(runs.count).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    // More requests while the trailing run waits: they share it.
    all.push(...Array.from({ length: 50 }, () => gate.request()));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(runs.count).toBe(2);
  });

  it('runs at once again after the gap, and a request during a run gets a run that starts after it', async () => {
    const { runs, work } = counted(5000);
    const gate = coalesce(work, 3000);
    const first = gate.request();
    await vi.advanceTimersByTimeAsync(1000);
    let secondDone = false;
    const second = gate.request().then(() => (secondDone = true));
    await vi.advanceTimersByTimeAsync(4000);
    await first;
    expect(secondDone).toBe(false);
    // The gap had passed when the first run ended: the second starts then, without further wait.
    expect(runs.count).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    await second;
    await vi.advanceTimersByTimeAsync(4000);
    void gate.request();
    expect(runs.count).toBe(3);
  });

  it('survives work that throws, and does nothing once closed', async () => {
    let count = 0;
    const gate = coalesce(async () => {
      count += 1;
      throw new Error('remote unreachable');
    }, 3000);
    await expect(gate.request()).resolves.toBeUndefined();
    const trailing = gate.request();
    gate.close();
    await vi.advanceTimersByTimeAsync(5000);
    await trailing;
    await gate.request();
    expect(count).toBe(1);
  });
});
