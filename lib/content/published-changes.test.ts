import { afterEach, describe, expect, it } from 'vitest';

import { openArchive, type Archive } from './archive/archive';
import { archiveContentReader } from './archive/content-reader';
import { toSourceFile } from './archive/test-support';
import { getPublishedChanges, markPublished, type PublishedMark } from './published-changes';
import { snapshotReader } from './reader';
import { buildSnapshot } from './snapshot';
import { makeView } from './view';

const t0 = new Date('2026-12-01T09:00:00+09:00');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const article = (path: string, front: string) => toSourceFile(path, `---\n${front}\n---\n본문\n`, t0, 1000);
const published = (slug: string, extra = '') => article(`${slug}.md`, `title: ${slug}\ndate: 2026-11-01 09:00${extra}`);

const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

/** An on-disk index in memory, changed as a folder or git source changes it. */
function openFolder() {
  const archive = openArchive({ file: ':memory:', fingerprint: 'published-changes' });
  opened.push(archive);
  return {
    apply: (upserts: ReturnType<typeof article>[], removals: string[] = []) => archive.apply({ upserts, removals }),
    view: (now: Date) => makeView(archiveContentReader(archive, archive.changeCounter()), now),
  };
}

async function follow(folder: ReturnType<typeof openFolder>, mark: PublishedMark, now: Date, changedLimit?: number) {
  const result = await getPublishedChanges(folder.view(now), mark, undefined, changedLimit);
  return { slugs: result.slugs.sort(), mark: result.mark };
}

describe('what readers can find changed since a mark', () => {
  it('a publish, an edit and a deletion are named; a new draft, an edited draft and a page are not', async () => {
    const folder = openFolder();
    folder.apply([published('kept'), published('edited'), published('deleted'), article('draft.md', 'title: 초안\ndraft: true')]);
    let mark = await markPublished(folder.view(at(0)));
    expect([...mark.published.keys()].sort()).toEqual(['deleted', 'edited', 'kept']);

    folder.apply(
      [
        published('new-one'),
        article('edited.md', 'title: 고친 제목\ndate: 2026-11-01 09:00'),
        article('draft.md', 'title: 고친 초안\ndraft: true'),
        article('another-draft.md', 'title: 새 초안\ndraft: true'),
        article('_pages/about.md', 'title: 소개'),
      ],
      ['deleted.md'],
    );
    ({ mark } = await follow(folder, mark, at(1)).then((r) => {
      expect(r.slugs).toEqual(['deleted', 'edited', 'new-one']);
      return r;
    }));
    // Nothing changed since: nothing to say.
    expect((await follow(folder, mark, at(2))).slugs).toEqual([]);
  });

  it('a scheduled article is named when its time comes, not when it is written; unpublishing names it too', async () => {
    const folder = openFolder();
    folder.apply([published('live')]);
    let mark = await markPublished(folder.view(at(0)));
    folder.apply([article('later.md', `title: 예약\ndate: ${at(10).toISOString()}`)]);
    let step = await follow(folder, mark, at(1));
    expect(step.slugs).toEqual([]);
    mark = step.mark;
    step = await follow(folder, mark, at(9));
    expect(step.slugs).toEqual([]);
    step = await follow(folder, step.mark, at(11));
    expect(step.slugs).toEqual(['later']);
    // A published article made a draft again is taken down: search engines are told.
    folder.apply([article('live.md', 'title: live\ndate: 2026-11-01 09:00\ndraft: true')]);
    step = await follow(folder, step.mark, at(12));
    expect(step.slugs).toEqual(['live']);
  });

  it('without a change log (the snapshot reader, another store) every article is compared by its times', async () => {
    const files = [published('a'), published('b')];
    const snapshotView = (version: number, of: typeof files, now: Date) =>
      makeView(snapshotReader(buildSnapshot(of, version, now.getTime())), now);
    const mark = await markPublished(snapshotView(1, files, at(0)));
    const later = [published('a', '\nupdated: 2026-12-01 08:00'), published('c'), article('d.md', 'title: d\ndraft: true')];
    const { slugs } = await getPublishedChanges(snapshotView(2, later, at(1)), mark);
    expect(slugs.sort()).toEqual(['a', 'b', 'c']);
  });

  it('a change set larger than the log answers is followed by walking every article, all of it named', async () => {
    const folder = openFolder();
    const mark = await markPublished(folder.view(at(0)));
    folder.apply(Array.from({ length: 300 }, (_, i) => published(`bulk-${i}`)));
    const { slugs } = await follow(folder, mark, at(1), 100);
    expect(slugs).toHaveLength(300);
  });
});
