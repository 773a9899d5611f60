// Gathers changed URLs for a few seconds and hands them over as one batch: an editor saving a file
// five times, or a commit of a hundred articles, is one announcement. One send at a time.

export interface UrlBatcher {
  /** Queues `urls` (each once); the batch goes `delayMs` after the first URL of it was queued. */
  add(urls: Iterable<string>): void;
  /** Sends what is queued now; settles when every send started so far has ended. */
  flush(): Promise<void>;
  /** How many URLs wait. */
  pending(): number;
  close(): void;
}

export interface UrlBatcherOptions {
  delayMs: number;
  /** URLs held at most; past it the rest of a change is dropped and said once a batch. */
  maxPending: number;
  send: (urls: string[]) => Promise<void>;
  log: (line: string) => void;
}

export function openUrlBatcher(options: UrlBatcherOptions): UrlBatcher {
  let queued = new Set<string>();
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> = Promise.resolve();
  let closed = false;

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (queued.size > 0) {
      const urls = [...queued];
      queued = new Set();
      if (dropped > 0) {
        options.log(
          `[indexnow] 바뀐 기사 주소가 너무 많아 ${dropped.toLocaleString('en-US')}개는 알리지 않았습니다 (한 번에 최대 ${options.maxPending.toLocaleString('en-US')}개): 검색엔진에는 사이트맵으로 알려 주세요`,
        );
        dropped = 0;
      }
      // One send after another: a slow endpoint holds the next batch back, never doubles the load.
      sending = sending.then(() => options.send(urls)).catch(() => {});
    }
    return sending;
  }

  return {
    add(urls) {
      if (closed) return;
      for (const url of urls) {
        if (queued.size >= options.maxPending && !queued.has(url)) dropped += 1;
        else queued.add(url);
      }
      if (queued.size > 0 && !timer) {
        timer = setTimeout(() => void flush(), options.delayMs);
        timer.unref?.();
      }
    },
    flush,
    pending: () => queued.size,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      queued.clear();
    },
  };
}
