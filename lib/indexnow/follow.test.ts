import { afterEach, describe, expect, it } from 'vitest';

import { openArchive, type Archive } from '@/lib/content/archive/archive';
import { archiveContentReader } from '@/lib/content/archive/content-reader';
import { toSourceFile } from '@/lib/content/archive/test-support';
import { makeView } from '@/lib/content/view';
import type { SiteSettings } from '@/lib/site';

import { openUrlBatcher } from './batch';
import type { ChangeClaims } from './claim';
import { ownEveryChange } from './claim';
import { openIndexNowFollower } from './follow';

const t0 = new Date('2026-12-01T09:00:00+09:00');
const settings: SiteSettings = { url: 'https://news.example.kr' };
const file = (path: string, front: string) => toSourceFile(path, `---\n${front}\n---\n본문\n`, t0);
const url = (slug: string) => `https://news.example.kr/articles/${slug}`;

const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

/** One instance over a shared change history: its own index, the same claims. */
function instance(claims: ChangeClaims, version: () => string | undefined = () => undefined, site = settings, logged: string[] = []) {
  const archive = openArchive({ file: ':memory:', fingerprint: 'indexnow-follow' });
  opened.push(archive);
  let now = t0;
  const sent: string[][] = [];
  const follower = openIndexNowFollower({
    view: () => makeView(archiveContentReader(archive, archive.changeCounter()), now, site),
    version,
    claims,
    batcher: openUrlBatcher({ delayMs: 60_000, maxPending: 1000, send: async (urls) => void sent.push(urls.sort()), log: () => {} }),
    log: (line) => logged.push(line),
  });
  return {
    apply: (upserts: ReturnType<typeof file>[], removals: string[] = []) => archive.apply({ upserts, removals }),
    at: (minutes: number) => (now = new Date(t0.getTime() + minutes * 60_000)),
    follower,
    /** What the next batch holds. */
    async batch() {
      await follower.tick();
      await follower.flush();
      return sent.splice(0).flat();
    },
  };
}

describe('the IndexNow follower', () => {
  it('announces publishes, edits and deletions; never drafts, scheduled articles before their time, or pages', async () => {
    const site = instance(ownEveryChange);
    site.apply([file('old.md', 'title: 옛 기사\ndate: 2026-11-01'), file('gone.md', 'title: 지울 기사\ndate: 2026-11-02')]);
    expect(await site.batch()).toEqual([]); // the first look marks what is there

    site.apply([file('new.md', 'title: 새 기사\ndate: 2026-11-30')]);
    expect(await site.batch()).toEqual([url('new')]);
    site.apply([file('old.md', 'title: 고친 옛 기사\ndate: 2026-11-01')]);
    expect(await site.batch()).toEqual([url('old')]);
    site.apply([], ['gone.md']);
    expect(await site.batch()).toEqual([url('gone')]);

    site.apply([
      file('draft.md', 'title: 초안\ndraft: true'),
      file('later.md', `title: 예약\ndate: ${new Date(t0.getTime() + 30 * 60_000).toISOString()}`),
      file('_pages/about.md', 'title: 소개'),
    ]);
    expect(await site.batch()).toEqual([]);
    site.at(29);
    expect(await site.batch()).toEqual([]);
    site.at(31); // the scheduled article's time came: that is its publish
    expect(await site.batch()).toEqual([url('later')]);
  });

  it('in a cluster, each change is sent by the one instance that claims it first', async () => {
    const taken = new Set<string>();
    const shared: ChangeClaims = {
      claim: async (ids) => ids.filter((id) => !taken.has(id) && taken.add(id)),
      close: () => {},
    };
    let commit = 'c1';
    const a = instance(shared, () => commit);
    const b = instance(shared, () => commit);
    for (const i of [a, b]) i.apply([file('one.md', 'title: 하나\ndate: 2026-11-01')]);
    await a.batch();
    await b.batch();
    commit = 'c2';
    for (const i of [a, b]) i.apply([file('two.md', 'title: 둘\ndate: 2026-11-02')]);
    expect([...(await a.batch()), ...(await b.batch())]).toEqual([url('two')]);
    // The same article changed again in the next commit is a new change.
    commit = 'c3';
    for (const i of [a, b]) i.apply([file('two.md', 'title: 고친 둘\ndate: 2026-11-02')]);
    expect([...(await b.batch()), ...(await a.batch())]).toEqual([url('two')]);
  });

  it('without the public address (no SITE_URL, no url in _site.yml) nothing is announced, and that is said once', async () => {
    const logged: string[] = [];
    const site = instance(ownEveryChange, () => undefined, {}, logged);
    await site.batch();
    site.apply([file('new.md', 'title: 새 기사\ndate: 2026-11-30')]);
    expect(await site.batch()).toEqual([]);
    site.apply([file('other.md', 'title: 다른 기사\ndate: 2026-11-30')]);
    expect(await site.batch()).toEqual([]);
    expect(logged.filter((line) => line.includes('사이트 주소'))).toHaveLength(1);
  });

  it('a failure to read the content is said once per episode, never thrown', async () => {
    const logged: string[] = [];
    const follower = openIndexNowFollower({
      view: () => {
        throw new Error('색인이 잠겨 있습니다');
      },
      version: () => undefined,
      claims: ownEveryChange,
      batcher: openUrlBatcher({ delayMs: 10, maxPending: 10, send: async () => {}, log: () => {} }),
      log: (line) => logged.push(line),
    });
    await follower.tick();
    await follower.tick();
    expect(logged).toEqual(['[indexnow] 바뀐 기사를 찾지 못했습니다: 색인이 잠겨 있습니다']);
  });
});
