// IndexNow for this server: follows what readers can find (publishes, edits, deletions, scheduled
// articles as their time comes) and announces each changed article's URL, batched, once per cluster.
import {
  getMasthead,
  getPublishedChanges,
  getViewAt,
  markPublished,
  whenContentRead,
  type ContentView,
  type PublishedMark,
} from '@/lib/content';
import type { Pause } from '@/lib/content/published-changes';
import { getContentIdentity, getContentStore } from '@/lib/content/process-store';
import { absoluteUrl, articlePath } from '@/lib/paths';
import { getIndexNowSetting, getRedis, siteDefaults, type IndexNowSetting } from '@/lib/site';

import { openUrlBatcher, type UrlBatcher } from './batch';
import { openRedisClaims, ownEveryChange, type ChangeClaims } from './claim';
import { openIndexNowSender } from './submit';

/** How often the content is looked at: a folder change or a commit is seen within this. */
const TICK_MS = 2_000;
/** How long changes gather before they are sent. */
const BATCH_DELAY_MS = 3_000;
/** URLs held for one batch at most (ten requests' worth). */
const MAX_PENDING = 100_000;
/** How long a claim on a URL at a content version (a commit) is kept: a version is never seen again. */
const VERSION_CLAIM_S = 7 * 24 * 3600;
/** Without a version (a shared folder), a claim covers the instances' ticks around one change. */
const TIME_CLAIM_S = 60;

export interface IndexNowFollower {
  /** Looks at the content once: the first look marks what is published, each next one announces what changed. */
  tick(): Promise<void>;
  /** Settles when every batch queued so far has been sent. */
  flush(): Promise<void>;
  close(): void;
}

export interface IndexNowFollowerOptions {
  /** The content now. */
  view: () => ContentView;
  /** What the content is a version of (the git commit), when the source names one. */
  version: () => string | undefined;
  claims: ChangeClaims;
  batcher: UrlBatcher;
  log: (line: string) => void;
  pause?: Pause;
}

/** The follower over its collaborators, each given: tests drive `tick` with views in memory. */
export function openIndexNowFollower(options: IndexNowFollowerOptions): IndexNowFollower {
  let mark: PublishedMark | undefined;
  let running: Promise<void> | undefined;
  let failing = false;
  let saidNoUrl = false;

  async function look(): Promise<void> {
    const view = options.view();
    if (!mark) {
      mark = await markPublished(view, options.pause);
      options.log(`[indexnow] 게시된 기사 ${mark.published.size.toLocaleString('en-US')}개에서 시작해 바뀌는 기사를 알립니다`);
      return;
    }
    const changes = await getPublishedChanges(view, mark, options.pause);
    mark = changes.mark;
    if (changes.slugs.length === 0) return;
    // Engines refuse URLs of a host whose key file they cannot fetch: without the public address
    // (the built-in localhost one) there is nothing to announce yet.
    if (getMasthead(view).url === siteDefaults.url) {
      if (!saidNoUrl) options.log('[indexnow] 사이트 주소(SITE_URL 또는 _site.yml의 url)가 없어 바뀐 기사를 알리지 않습니다');
      saidNoUrl = true;
      return;
    }
    const version = options.version() ?? '';
    const urlOf = new Map(changes.slugs.map((slug) => {
      const url = absoluteUrl(view, articlePath(slug));
      return [`${version}\n${url}`, url];
    }));
    const won = await options.claims.claim([...urlOf.keys()]);
    options.batcher.add(won.flatMap((id) => urlOf.get(id) ?? []));
  }

  return {
    tick() {
      running ??= look()
        .then(() => {
          failing = false;
        })
        .catch((error: unknown) => {
          if (!failing) options.log(`[indexnow] 바뀐 기사를 찾지 못했습니다: ${error instanceof Error ? error.message : String(error)}`);
          failing = true;
        })
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    flush: () => options.batcher.flush(),
    close() {
      options.batcher.close();
      options.claims.close();
    },
  };
}

const FOLLOWER_KEY = Symbol.for('hangul-news.indexnow');
type GlobalWithFollower = typeof globalThis & { [FOLLOWER_KEY]?: IndexNowFollower };

const pauseForRequests: Pause = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts IndexNow when `INDEXNOW_KEY` is set (and good): once per process, following from the
 * moment the content is first read, so what was there at start is never announced as new.
 */
export function startIndexNow(setting: IndexNowSetting | undefined = getIndexNowSetting()): void {
  const holder = globalThis as GlobalWithFollower;
  if (!setting || holder[FOLLOWER_KEY]) return;
  const log = (line: string) => console.error(line);
  const siteUrl = () => getMasthead(getViewAt(new Date())).url;
  const sender = openIndexNowSender({ key: setting.key, endpoints: setting.endpoints, siteUrl, log });
  const redis = getRedis();
  const claims = redis
    ? openRedisClaims({
        url: redis.url,
        prefix: `${redis.prefix}:${getContentIdentity()}`,
        ttlSeconds: (id) => (id.startsWith('\n') ? TIME_CLAIM_S : VERSION_CLAIM_S),
        log,
      })
    : ownEveryChange;
  const follower = openIndexNowFollower({
    view: () => getViewAt(new Date()),
    version: () => getContentStore().getVersion(),
    claims,
    batcher: openUrlBatcher({ delayMs: BATCH_DELAY_MS, maxPending: MAX_PENDING, send: sender.send, log }),
    log,
    pause: pauseForRequests,
  });
  holder[FOLLOWER_KEY] = follower;
  void whenContentRead().then(async () => {
    await follower.tick();
    setInterval(() => void follower.tick(), TICK_MS).unref();
  });
}
