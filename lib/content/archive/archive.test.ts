import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom as mulberry32 } from '@/lib/seeded-random.mjs';
import YAML from 'yaml';

import { indexKey } from '../file-records';
import { snapshotReader } from '../reader';
import { buildSnapshot, formatProblem, type ContentSnapshot, type SourceFile } from '../snapshot';
import type { Article, Taxonomy } from '../types';

import { openArchive, type Archive } from './archive';
import { inPathOrder, toSourceFile } from './test-support';

const folders: string[] = [];
const opened: Archive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0)) archive.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function tempArchive(fingerprint = 'test'): Archive {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-'));
  folders.push(folder);
  const archive = openArchive({ file: path.join(folder, 'index.sqlite'), fingerprint });
  opened.push(archive);
  return archive;
}

const NOW = Date.UTC(2026, 0, 15, 12);
const HOUR = 3_600_000;

/** What lib/content/queries.ts answers over a snapshot, written out as plainly as it does. */
function oracle(snapshot: ContentSnapshot, now: number) {
  const published = snapshot.articles.filter((a) => !a.draft && a.published.getTime() <= now);
  const termsOf = (a: Article, taxonomy: Taxonomy) =>
    taxonomy === 'series'
      ? a.series
        ? [{ name: a.series.id, slug: a.series.id }]
        : []
      : taxonomy === 'category'
        ? a.categories
        : taxonomy === 'tag'
          ? a.tags
          : a.reporters;
  const getArticle = (slug: string) => {
    const found = snapshot.bySlug.get(slug);
    return found && !found.draft && found.published.getTime() <= now ? found : undefined;
  };
  return {
    published,
    getArticle,
    redirect: (old: string) => {
      const target = snapshot.redirects.get(old);
      return target === undefined ? undefined : getArticle(target);
    },
    terms(taxonomy: Taxonomy) {
      const found = new Map<string, { name: string; slug: string; count: number }>();
      if (taxonomy === 'reporters') for (const r of snapshot.reporters.values()) found.set(r.id, { name: r.name, slug: r.id, count: 0 });
      for (const article of published) {
        for (const term of termsOf(article, taxonomy)) {
          const known = found.get(term.slug) ?? { ...term, count: 0 };
          known.count += 1;
          found.set(term.slug, known);
        }
      }
      return [...found.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ko'));
    },
    listing: (taxonomy: Taxonomy, slug: string) => published.filter((a) => termsOf(a, taxonomy).some((t) => t.slug === slug)),
    /** A series in reading order: numbered first by number, then oldest first, then by slug. */
    seriesOrder: (id: string) =>
      published
        .filter((a) => a.series?.id === id)
        .sort(
          (a, b) =>
            (a.series?.order ?? 1e9) - (b.series?.order ?? 1e9) ||
            a.published.getTime() - b.published.getTime() ||
            (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
        )
        .map((a) => a.slug),
    breaking: published.filter((a) => a.breaking && (!a.breakingUntil || a.breakingUntil.getTime() > now)),
    related(article: Article, limit: number) {
      const slugs = new Set(article.categories.map((c) => c.slug));
      return published
        .filter((o) => o.slug !== article.slug && o.categories.some((c) => slugs.has(c.slug)))
        .slice(0, limit);
    },
    adjacent(article: Article) {
      const index = published.findIndex((a) => a.slug === article.slug);
      return index < 0 ? {} : { newer: published[index - 1], older: published[index + 1] };
    },
  };
}

/** Every question the archive answers, asked of it and of buildSnapshot over the same files. */
function expectSameAnswers(archive: Archive, files: readonly SourceFile[], now: number): void {
  const snapshot = buildSnapshot(inPathOrder(files), 1, now);
  const want = oracle(snapshot, now);
  const all = archive.list({ now, limit: 1_000_000 });
  expect(all.map((a) => a.source.path)).toEqual(want.published.map((a) => a.source.path));
  expect(all).toEqual(want.published);
  expect(archive.count({ now })).toBe(want.published.length);
  expect([...archive.iterate({ now, batch: 3 })].map((a) => a.slug)).toEqual(want.published.map((a) => a.slug));
  expect(archive.list({ now, limit: 4, offset: 2 })).toEqual(want.published.slice(2, 6));
  expect(archive.list({ now, limit: 1_000, breaking: true })).toEqual(want.breaking);
  expect(archive.list({ now, limit: 1, top: true })).toEqual(want.published.filter((a) => a.top).slice(0, 1));
  expect(archive.list({ now, limit: 1, withImage: true })).toEqual(want.published.filter((a) => a.image).slice(0, 1));
  expectSameStamps(archive, snapshot, want.published, now, 3);

  const slugs = new Set([...files.flatMap((f) => (f.result?.ok && 'article' in f.result ? [f.result.article.slug] : [])), '없는-기사']);
  for (const slug of slugs) {
    expect(archive.articleBySlug(slug, now), slug).toEqual(want.getArticle(slug));
    expect(archive.articleForPreview(slug, now), slug).toEqual(snapshot.bySlug.get(slug));
  }
  // What the search index's catch-up asks instead of the articles: the same file, the same names,
  // for all the slugs at once (the missing one and a repeated one included) and for each alone.
  const keyOf = (slug: string) => {
    const owner = snapshot.bySlug.get(slug);
    return owner && !owner.draft ? indexKey(owner) : undefined;
  };
  const asked = [...slugs, ...slugs].reverse();
  expect(archive.indexKeysOf(asked, now)).toEqual(asked.map(keyOf));
  for (const slug of slugs) expect(archive.indexKeysOf([slug], now), `indexKey ${slug}`).toEqual([keyOf(slug)]);
  const olds = new Set(files.flatMap((f) => (f.result?.ok && 'article' in f.result ? f.result.article.redirectFrom : [])));
  for (const old of [...olds, ...slugs]) expect(archive.redirect(old, now)?.slug, `redirect ${old}`).toBe(want.redirect(old)?.slug);

  for (const taxonomy of ['category', 'tag', 'reporters', 'series'] as const) {
    const terms = want.terms(taxonomy);
    expect(archive.terms(taxonomy, now), taxonomy).toEqual(terms);
    for (const term of terms) {
      const listing = want.listing(taxonomy, term.slug);
      expect(archive.count({ now, taxonomy, term: term.slug })).toBe(listing.length);
      expect(archive.term(taxonomy, term.slug, now)).toEqual(term);
      expect(archive.list({ now, limit: 1_000, taxonomy, term: term.slug })).toEqual(listing);
      expect(archive.list({ now, limit: 2, offset: 1, taxonomy, term: term.slug })).toEqual(listing.slice(1, 3));
    }
  }
  for (const article of want.published) {
    expect(archive.adjacent(article.slug, now), `adjacent ${article.slug}`).toEqual(want.adjacent(article));
    expect(archive.related(article, 3, now), `related ${article.slug}`).toEqual(want.related(article, 3));
  }
  for (const boundary of snapshot.boundaries) expect(archive.nextBoundary(boundary - 1)).toBeLessThanOrEqual(boundary);
  for (const term of [...want.terms('series'), { slug: '없는-연재' }]) {
    expect(archive.seriesOrder(term.slug, now, 1_000), `series ${term.slug}`).toEqual(want.seriesOrder(term.slug));
    expect(archive.seriesOrder(term.slug, now, 1)).toEqual(want.seriesOrder(term.slug).slice(0, 1));
  }
  expect(archive.reporters()).toEqual(snapshot.reporters);
  expect(archive.series()).toEqual(snapshot.series);
  expect(archive.pages()).toEqual(snapshot.pages);
  // The last good identity of a broken _site.yml is the store's rule, not buildSnapshot's: checked apart.
  if (!snapshot.siteBroken) expect(archive.site()).toEqual({ site: snapshot.site, siteBroken: false });
  else expect(archive.site().siteBroken).toBe(true);
  expect([...archive.photos()].sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual(
    [...snapshot.photos.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  );
  const problems = (list: Parameters<typeof formatProblem>[0][]) => list.map(formatProblem).sort();
  expect(problems(archive.problems({ now, limit: 100_000 }))).toEqual(problems([...snapshot.problems]));
  const errors = snapshot.problems.filter((p) => p.severity === 'error').length;
  expect(archive.problemCounts(now)).toEqual({ errors, warnings: snapshot.problems.length - errors });
  expect(archive.fileCount()).toBe(snapshot.fileCount);
}

/** Stamps (a sitemap's slugs and times) in windows of `size` from `offsets` (every one by default), by the archive and the snapshot's reader. */
function expectSameStamps(
  archive: Archive,
  snapshot: ContentSnapshot,
  published: readonly Article[],
  now: number,
  size: number,
  offsets: readonly number[] = Array.from({ length: published.length + 2 }, (_, i) => i),
): void {
  const stamps = published.map((a) => ({ slug: a.slug, published: a.published, updated: a.updated, kind: a.kind, agency: a.agency }));
  const reader = snapshotReader(snapshot);
  expect(archive.stamps({ now, limit: 1_000_000 })).toEqual(stamps);
  expect(reader.stamps(now, 1_000_000)).toEqual(stamps);
  for (const offset of offsets) {
    const window = stamps.slice(offset, offset + size);
    expect(archive.stamps({ now, limit: size, offset }), `archive stamps from ${offset}`).toEqual(window);
    expect(reader.stamps(now, size, offset), `snapshot stamps from ${offset}`).toEqual(window);
  }
}

const front = (data: Record<string, unknown>, body = '본문입니다.') => `---\n${YAML.stringify(data)}---\n\n${body}\n`;
const date = (ms: number) => new Date(ms + 9 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

/** A folder with every rule that crosses files: collisions, drafts, scheduled, redirects, live updates, profiles, pages. */
function sampleFolder(now: number): Map<string, string> {
  const files = new Map<string, string>();
  const article = (file: string, data: Record<string, unknown>, body?: string) => files.set(file, front(data, body));
  article('2026/a.md', { title: '가', date: date(now - 5 * HOUR), categories: ['경제'], tags: ['금리'], author: 'kim', image: './a.jpg' });
  article('2026/b.md', { title: '나', date: date(now - 4 * HOUR), categories: ['Economy', '경제'], author: ['김기자', '손님'], breaking: true });
  article('2026/c.md', { title: '다', date: date(now - 3 * HOUR), categories: ['economy'], breaking: true, breaking_until: date(now - HOUR), kind: '사설' });
  article('2026/draft.md', { title: '초안', date: date(now - 3 * HOUR), slug: 'a', draft: true, categories: ['정치'] });
  article('2026/later.md', { title: '예약', date: date(now + 2 * HOUR), categories: ['경제'], tags: ['금리'], author: 'lee' });
  article('2026/later-b.md', { title: '예약 충돌', date: date(now + 3 * HOUR), slug: 'b' });
  article('2026/twin-1.md', { title: '쌍둥이1', date: date(now - 2 * HOUR), slug: 'twin', categories: ['사회'] });
  article('2026/twin-2.md', { title: '쌍둥이2', date: date(now - 2 * HOUR), slug: 'twin', categories: ['사회'] });
  article('2026/moved.md', { title: '옮김', date: date(now - 6 * HOUR), redirect_from: ['/old-one/', 'a', 'shared-old'], top: true });
  article('2026/moved-2.md', { title: '옮김2', date: date(now - 7 * HOUR), redirect_from: ['shared-old', 'only-mine'], kind: '협찬', source: '연합뉴스' });
  article('2026/live.md', { title: '실시간', date: date(now - 8 * HOUR), live: true, live_until: date(now + 5 * HOUR), categories: ['사회'] });
  files.set('2026/live.live/1.md', front({ date: date(now - 7 * HOUR), author: 'kim' }, '첫 소식'));
  files.set('2026/live.live/2.md', front({ date: date(now + HOUR), pinned: true }, '예약된 소식'));
  files.set('2026/gone.live/1.md', front({ date: date(now - 7 * HOUR) }, '주인 없는 소식'));
  article('undated.md', { title: '날짜 없음', categories: ['경제'] });
  files.set('2026/broken.md', '---\ntitle: [\n---\n');
  files.set('notes.txt', 'not content');
  files.set('2026/a.jpg', 'jpeg');
  files.set('_reporters/kim.yml', 'name: 김기자\nrole: 선임기자\nemail: kim@example.com\nphoto: ./missing.jpg\n');
  files.set('_reporters/lee.yml', 'name: 이기자\nemail_public: false\nemail: lee@example.com\n');
  files.set('_reporters/park.yml', 'name: 박기자\n');
  files.set('_pages/about.md', front({ title: '소개' }));
  files.set('_pages/search.md', front({ title: '검색' }));
  files.set('_site.yml', 'name: 한글 뉴스\nurl: https://news.example.com\n');
  return files;
}

const toFiles = (folder: Map<string, string>, now: number) => [...folder].map(([file, text]) => toSourceFile(file, text, new Date(now)));

describe('the archive answers as buildSnapshot does', () => {
  it('over a folder with collisions, drafts, scheduled articles, redirects, live updates, profiles and pages', () => {
    const archive = tempArchive();
    const files = toFiles(sampleFolder(NOW), NOW);
    archive.apply({ upserts: files, removals: [] });
    for (const now of [NOW, NOW + 2 * HOUR + 1, NOW + 3 * HOUR + 1, NOW + 6 * HOUR, NOW - 100 * HOUR]) {
      expectSameAnswers(archive, files, now);
    }
    // The checks above must be able to fail: the twins hide each other, the draft loses 'a'.
    expect(archive.articleBySlug('twin', NOW)).toBeUndefined();
    expect(archive.articleBySlug('a', NOW)?.title).toBe('가');
    expect(archive.articleBySlug('b', NOW + 3 * HOUR + 1)).toBeUndefined();
    expect(archive.redirect('old-one', NOW)?.slug).toBe('moved');
    expect(archive.redirect('shared-old', NOW)).toBeUndefined();
    expect(archive.articleBySlug('b', NOW)?.categories.map((c) => c.name)).toEqual(['Economy', '경제']);
    expect(archive.articleBySlug('live', NOW)?.liveUpdates.map((u) => u.id)).toEqual(['2', '1']);
    expect(archive.terms('reporters', NOW).map((t) => [t.slug, t.count])).toEqual([['kim', 2], ['park', 0], ['lee', 0]]);
    const stamp = (slug: string) => archive.stamps({ now: NOW, limit: 100 }).find((s) => s.slug === slug);
    expect([stamp('c')?.kind, stamp('moved-2')?.kind, stamp('moved-2')?.agency, stamp('a')?.kind]).toEqual(['사설', '광고/협찬', '연합뉴스', '기사']);
  });

  it('stays equal through adds, edits, renames and deletes applied one batch at a time', () => {
    const archive = tempArchive();
    const folder = sampleFolder(NOW);
    const current = new Map<string, SourceFile>();
    const apply = (upserts: [string, string][], removals: string[]) => {
      const read = upserts.map(([file, text]) => toSourceFile(file, text, new Date(NOW), 2000));
      archive.apply({ upserts: read, removals });
      for (const file of removals) current.delete(file);
      for (const file of read) current.set(file.entry.path, file);
      expectSameAnswers(archive, [...current.values()], NOW);
    };
    const entries = [...folder];
    apply(entries.slice(0, 9), []);
    apply(entries.slice(9), []);
    // Edit: the published 'a' becomes a draft, so nothing owns 'a' and the redirect claim on it counts.
    apply([['2026/a.md', front({ title: '가 수정', date: date(NOW - 5 * HOUR), draft: true, categories: ['경제'] })]], []);
    // Rename: remove + add under another path, which changes which file names '경제'.
    apply([['2027/b-renamed.md', folder.get('2026/b.md') ?? '']], ['2026/b.md']);
    // Delete one twin: the other takes the slug; delete a profile: its bylines become plain names.
    apply([], ['2026/twin-1.md', '_reporters/kim.yml']);
    // The photo arrives, the site file breaks, a profile is renamed to a name an article uses.
    apply([['2026/missing.jpg', 'x'], ['_site.yml', 'name: [\n'], ['_reporters/park.yml', 'name: 손님\n']], []);
    expect(archive.site().site?.name).toBe('한글 뉴스');
    apply([], ['_site.yml']);
    expect(archive.site().site).toBeUndefined();
    // The live article goes: its updates become orphans; it comes back.
    apply([], ['2026/live.md']);
    apply([['2026/live.md', folder.get('2026/live.md') ?? '']], []);
    expect(archive.changeCounter()).toBe(9);
  });

  it('gives stamps in windows longer than one read, across runs of articles published at one moment', () => {
    const archive = tempArchive();
    // 2,100 articles at three moments: windows of 1,001 start and end inside ties and cross the reads of 1,000.
    const folder = new Map<string, string>();
    for (let i = 0; i < 2_100; i += 1) {
      const updated = i % 7 === 0 ? { updated: date(NOW - HOUR) } : {};
      folder.set(`${i % 10}/${i}.md`, front({ title: `기사 ${i}`, slug: `s${(i * 7919) % 2_100}`, date: date(NOW - (1 + (i % 3)) * 2 * HOUR), ...updated }));
    }
    folder.set('later.md', front({ title: '예약', date: date(NOW + HOUR) }));
    folder.set('s5-twin.md', front({ title: '충돌', slug: 's5', date: date(NOW - 2 * HOUR) }));
    const files = toFiles(folder, NOW);
    archive.apply({ upserts: files, removals: [] });
    const snapshot = buildSnapshot(inPathOrder(files), 1, NOW);
    const published = oracle(snapshot, NOW).published;
    expect(published).toHaveLength(2_099);
    expect(published.filter((a) => a.updated).length).toBeGreaterThan(250);
    // Runs of one moment: 0–699, 700–1,398 (s5 lost to its twin), 1,399–2,098.
    expect(published.map((a) => a.published.getTime())).toEqual([700, 699, 700].flatMap((n, run) => Array<number>(n).fill(NOW - (run + 1) * 2 * HOUR)));
    expectSameStamps(archive, snapshot, published, NOW, 1_001, [0, 1, 699, 700, 999, 1_000, 1_001, 1_398, 1_399, 2_098, 2_099, 2_100, 5_000]);
  });

  it('stays equal over random folders changed at random (property test)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = mulberry32(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const archive = tempArchive(`seed-${seed}`);
      const current = new Map<string, SourceFile>();
      const paths = Array.from({ length: 40 }, (_, i) => `${pick(['2025', '2026', 'z'])}/${pick(['', '2024-05-01-'])}f${i}.${pick(['md', 'html'])}`);
      for (let step = 0; step < 12; step += 1) {
        const upserts: SourceFile[] = [];
        const removals: string[] = [];
        for (let n = 0; n < 1 + Math.floor(random() * 12); n += 1) {
          const file = pick([...paths, ...paths, '_reporters/r1.yml', '_reporters/r2.yml', '_series/s-a.yml', '_pages/p.md', '_pages/q.md', 'z/p.jpg']);
          if (upserts.some((u) => u.entry.path === file) || removals.includes(file)) continue;
          if (current.has(file) && random() < 0.25) {
            removals.push(file);
            continue;
          }
          upserts.push(toSourceFile(file, randomText(file, random, pick), new Date(NOW), step));
          if (file.endsWith('.md') && !file.startsWith('_') && random() < 0.3) {
            const update = `${file.replace(/\.md$/, '')}.live/${Math.floor(random() * 3)}.md`;
            upserts.push(toSourceFile(update, front({ date: date(NOW + pick([-2, 1]) * HOUR), author: pick(['r1', '기자 하나']) }, '소식'), new Date(NOW)));
          }
        }
        archive.apply({ upserts, removals });
        for (const file of removals) current.delete(file);
        for (const file of upserts) current.set(file.entry.path, file);
        for (const now of [NOW, NOW + pick([-3, 1, 2, 5]) * HOUR]) expectSameAnswers(archive, [...current.values()], now);
      }
    }
  }, 90_000);
});


function randomText(file: string, random: () => number, pick: <T>(list: readonly T[]) => T): string {
  if (file.startsWith('_reporters/')) return `name: ${pick(['김하나', '이둘', 'r1'])}\n`;
  if (file.startsWith('_series/')) return pick(['name: 가 연재\n', 'name: 나 연재\ndescription: 소개\n', 'name: [깨진\n']);
  if (file.startsWith('_pages/')) return front({ title: '쪽', slug: pick(['about', 'about', 'search', 'ethics']) });
  if (file.endsWith('.jpg')) return 'jpg';
  if (random() < 0.05) return '---\ntitle: "\n---\n';
  const data: Record<string, unknown> = {
    title: `제목 ${Math.floor(random() * 100)}`,
    slug: pick(['s1', 's2', 's3', 's4', '한글', 'x😀', 'x\uFF01', 'x😀a', undefined, undefined, undefined]),
    categories: [pick(['경제', 'Economy', 'economy', '사회', '정치']), pick(['경제', '사회', 'IT·과학'])],
    tags: random() < 0.5 ? [pick(['금리', '반도체', '금리 '])] : undefined,
    author: random() < 0.6 ? pick(['r1', 'r2', '김하나', '이둘', '손님', ['r1', 'r2']]) : undefined,
    draft: random() < 0.15 ? true : undefined,
    breaking: random() < 0.3 ? true : undefined,
    breaking_until: random() < 0.3 ? date(NOW + pick([-1, 1, 4]) * HOUR) : undefined,
    top: random() < 0.2 ? true : undefined,
    image: random() < 0.5 ? pick(['/images/a.svg', './p.jpg', '../z/p.jpg']) : undefined,
    redirect_from: random() < 0.3 ? [pick(['s1', 'old1', 'old2', 'x😀'])] : undefined,
    live: random() < 0.2 ? true : undefined,
    series: random() < 0.4 ? pick(['s-a', 's-b']) : undefined,
    series_order: random() < 0.5 ? pick([1, 2, 2, 3]) : undefined,
  };
  // Few distinct times, so that ties are ordered by slug.
  if (random() < 0.85) data.date = date(NOW + pick([-48, -5, -5, -3, 0, 1, 4]) * HOUR);
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return front(data);
}
