// A flood of "look now" (replayed webhooks, every instance's Redis signal) must not become a flood
// of fetches: requests are merged, and the work runs at most once per gap.

export interface Coalesced {
  /**
   * Runs the work now if it has not started within the gap; otherwise schedules one run after the
   * gap (every request until then shares it). Settles when a run that started after this request
   * has finished; never rejects.
   */
  request(): Promise<void>;
  /** Cancels a scheduled run; requests from now on do nothing. */
  close(): void;
}

/** `work` behind a gate: at most one run at a time and one start per `gapMs`, with one trailing run. */
export function coalesce(
  work: () => Promise<unknown>,
  gapMs: number,
  now: () => number = Date.now,
): Coalesced {
  let lastStart = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | undefined;
  let trailing: Promise<void> | undefined;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;

  function start(): Promise<void> {
    lastStart = now();
    const run = work()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (running === run) running = undefined;
      });
    running = run;
    return run;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    });
  }

  async function later(): Promise<void> {
    if (running) await running;
    const wait = lastStart + gapMs - now();
    if (wait > 0 && !closed) await sleep(wait);
    // From here on a request is after this run's start: it needs a run of its own.
    trailing = undefined;
    if (!closed) await start();
  }

  return {
    request() {
      if (closed) return Promise.resolve();
      if (trailing) return trailing;
      if (!running && now() - lastStart >= gapMs) return start();
      trailing = later();
      return trailing;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}
