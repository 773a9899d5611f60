import { afterEach, describe, expect, it } from 'vitest';

import { openArchive, type Archive } from './archive';
import { toSourceFile } from './test-support';

const now = new Date('2026-11-27T12:00:00+09:00');
const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
});

function open(): Archive {
  const archive = openArchive({ file: ':memory:', fingerprint: 'changes' });
  opened.push(archive);
  return archive;
}

const article = (path: string, slug: string, title = slug) =>
  toSourceFile(path, `---\ntitle: ${title}\nslug: ${slug}\ndate: 2026-11-01\n---\n본문\n`, now);

describe('the log of changed slugs', () => {
  it('names each slug an apply touched: added, edited, moved to another file, removed', () => {
    const archive = open();
    archive.apply({ upserts: [article('a.md', 'alpha'), article('b.md', 'beta')], removals: [] });
    const first = archive.changeCounter();
    expect(archive.changedSlugs(0, 10)?.sort()).toEqual(['alpha', 'beta']);

    archive.apply({ upserts: [article('a.md', 'alpha', '고친 제목')], removals: [] });
    expect(archive.changedSlugs(first, 10)).toEqual(['alpha']);
    const second = archive.changeCounter();

    // A file that changes its slug touches both; a removal touches the slug it had.
    archive.apply({ upserts: [article('b.md', 'gamma')], removals: ['a.md'] });
    expect(archive.changedSlugs(second, 10)?.sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(archive.changedSlugs(archive.changeCounter(), 10)).toEqual([]);
  });

  it('says it cannot answer rather than answer in part: past its limit, or beyond what it kept', () => {
    const archive = open();
    const files = Array.from({ length: 30 }, (_, i) => article(`a${i}.md`, `slug-${i}`));
    archive.apply({ upserts: files, removals: [] });
    expect(archive.changedSlugs(0, 10)).toBeUndefined();
    expect(archive.changedSlugs(0, 30)).toHaveLength(30);
  });
});
