// Posts URL lists to IndexNow endpoints (https://www.indexnow.org/documentation): bounded in every
// way a slow or failing endpoint could make it grow (request time, attempts, waits), and said once
// per failure episode in the log, however many retries and batches it spans.

/** The protocol's limit on URLs in one request. */
export const INDEXNOW_MAX_URLS = 10_000;

export interface IndexNowSenderOptions {
  key: string;
  endpoints: readonly string[];
  /** The site's origin (`SITE_URL`); asked at each send, as the masthead may change. */
  siteUrl: () => string;
  log: (line: string) => void;
  fetch?: typeof fetch;
  /** How long one request may take, headers and all. */
  timeoutMs?: number;
  /** Tries per request, the first included. */
  attempts?: number;
  /** The first wait before a retry; each next one doubles, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface IndexNowSender {
  /** Sends `urls` to every endpoint, in requests of at most 10,000; settles when all are done, never rejects. */
  send(urls: readonly string[]): Promise<void>;
}

/** Why one attempt failed, and whether another may do better. */
interface Failure {
  reason: string;
  retry: boolean;
  /** The endpoint's Retry-After, in ms, when it gave one. */
  after?: number;
}

const sleeper = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The sender: each endpoint on its own, its failure episode remembered until it answers again. */
export function openIndexNowSender(options: IndexNowSenderOptions): IndexNowSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoffMs = options.backoffMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const sleep = options.sleep ?? sleeper;
  /** Endpoints in a failure episode: said once when it starts, again only after one succeeds. */
  const failing = new Set<string>();

  async function attempt(endpoint: string, body: string): Promise<Failure | undefined> {
    try {
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        // A followed 301 or 302 turns the POST into a GET without the URLs, and its 200 reads as sent.
        redirect: 'manual',
      });
      // Nothing in the answer is needed; let the connection go.
      await response.body?.cancel().catch(() => {});
      if (response.ok) return undefined;
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        let target = '';
        try {
          target = location ? `, ${new URL(location, endpoint).href.slice(0, 200)}로 옮겨 감` : '';
        } catch {
          target = '';
        }
        return { reason: `HTTP ${response.status}${target}: INDEXNOW_ENDPOINTS에 옮겨 간 주소를 쓰세요`, retry: false };
      }
      const retry = response.status === 429 || response.status >= 500;
      return { reason: `HTTP ${response.status}`, retry, after: retry ? retryAfter(response.headers.get('retry-after')) : undefined };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      // undici says only "fetch failed"; why (ECONNREFUSED, ENOTFOUND, a TLS error) is in its cause.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
      const why = cause ? ('code' in cause && typeof cause.code === 'string' ? cause.code : cause.message) : '';
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `${timeoutMs / 1000}초 안에 답이 없음`
          : error instanceof Error
            ? `${error.message}${why ? `: ${why.slice(0, 200)}` : ''}`
            : String(error);
      return { reason, retry: true };
    }
  }

  async function post(endpoint: string, urls: readonly string[]): Promise<boolean> {
    const site = new URL(options.siteUrl());
    const body = JSON.stringify({ host: site.host, key: options.key, keyLocation: `${site.origin}/${options.key}.txt`, urlList: urls });
    let failure: Failure | undefined;
    let tried = 1;
    for (; ; tried += 1) {
      failure = await attempt(endpoint, body);
      if (!failure) {
        failing.delete(endpoint);
        return true;
      }
      if (!failure.retry || tried >= attempts) break;
      const backoff = Math.min(backoffMs * 2 ** (tried - 1), maxBackoffMs);
      await sleep(Math.min(Math.max(backoff, failure.after ?? 0), maxBackoffMs));
    }
    if (!failing.has(endpoint)) {
      failing.add(endpoint);
      options.log(
        `[indexnow] ${endpoint}에 바뀐 기사 주소 ${urls.length}개를 알리지 못했습니다 (${failure.reason}, ${tried}번 시도): 이 주소들은 다시 보내지 않고, 이 곳이 다시 받을 때까지 실패를 더 쓰지 않습니다`,
      );
    }
    return false;
  }

  return {
    async send(urls) {
      if (urls.length === 0) return;
      await Promise.all(
        options.endpoints.map(async (endpoint) => {
          for (let start = 0; start < urls.length; start += INDEXNOW_MAX_URLS) {
            // An endpoint that failed one request after all its tries is not asked the rest now.
            if (!(await post(endpoint, urls.slice(start, start + INDEXNOW_MAX_URLS)))) return;
          }
        }),
      );
    },
  };
}
