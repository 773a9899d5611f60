import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { openArchive } from './archive/archive';
import { archiveRecords } from './archive/records';
import { openArchiveStore } from './archive-store';
import { openFolderSource, restAfter } from './folder-source';
import { memoryRecords } from './file-records';
import { loadFile, type FileLoader, type FileToLoad } from './load-file';
import { listArticles } from './queries';
import { makeView } from './view';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folder-source-'));
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, title: string, date = '2024-01-01T09:00:00+09:00') {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), `---\ntitle: ${title}\ndate: ${date}\n---\n본문\n`);
}

/** The server's store over an index in memory, reading the folder before it answers (no watcher). */
function openServerStore(reportProblem?: (line: string) => void) {
  const archive = openArchive({ file: ':memory:', fingerprint: 'test' });
  const records = archiveRecords(archive);
  const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: true, watch: false });
  return { archive, source, store: openArchiveStore({ root: dir, archive, source, records, reportProblem }) };
}

describe('names that differ only in Unicode normalization (NFC and NFD twins)', () => {
  it('are one article, and a rescan of the unchanged folder changes nothing (the page cache stays)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    // macOS writes names in NFD; a copy from elsewhere may hold the same name in NFC beside it.
    write('cafe\u0301.md', '분해형 이름');
    write('caf\u00e9.md', '조합형 이름');
    const { source, store } = openServerStore();
    const titles = () => listArticles(makeView(store.getReader(), new Date()), {}, 10).map((a) => a.title);
    const first = titles();
    expect(first).toEqual(['조합형 이름']);
    const staleBefore = store.getStaleBefore();
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(Date.now() + 20_000);
      source.noteChanged();
      expect(titles()).toEqual(first);
      expect(store.getStaleBefore()).toBe(staleBefore);
    }
  });
});

describe("the server's log of content errors", () => {
  it('names a broken article and a slug collision even behind a thousand files that are not content', () => {
    // Attachments beside the articles: each is a warning ("not content"), sorted before news/.
    fs.mkdirSync(path.join(dir, 'attachments'));
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, 'attachments', `${i}.pdf`), '%PDF');
    fs.mkdirSync(path.join(dir, 'news'));
    fs.writeFileSync(path.join(dir, 'news', 'broken.md'), '---\ntitle: [닫히지 않은\n---\n본문\n');
    for (const name of ['one', 'two']) {
      fs.writeFileSync(path.join(dir, 'news', `${name}.md`), '---\ntitle: 같은 슬러그\nslug: same\ndate: 2024-01-01\n---\n본문\n');
    }
    const lines: string[] = [];
    const { store } = openServerStore((line) => lines.push(line));
    store.getReader();
    expect(lines.some((line) => line.startsWith('news/broken.md'))).toBe(true);
    expect(lines.some((line) => line.includes('news/one.md') && line.includes('news/two.md'))).toBe(true);
    expect(lines.some((line) => line.includes('attachments/'))).toBe(false);
  });
});

describe('an index that refuses a write (another server holds it, a full disk)', () => {
  it('answers the request from the index as it stands, and takes the edit at the next one', () => {
    write('a.md', '처음');
    const lines: string[] = [];
    const { archive, source, store } = openServerStore((line) => lines.push(line));
    const titles = () => listArticles(makeView(store.getReader(), new Date()), {}, 10).map((a) => a.title);
    expect(titles()).toEqual(['처음']);
    write('a.md', '고침');
    fs.utimesSync(path.join(dir, 'a.md'), new Date(), new Date(Date.now() - 60_000));
    source.noteChanged(['a.md']);
    const apply = archive.apply;
    archive.apply = () => {
      archive.apply = apply;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    expect(titles()).toEqual(['처음']);
    expect(lines.some((line) => line.includes('database is locked'))).toBe(true);
    expect(titles()).toEqual(['고침']);
  });
});

/** inotify watches this process holds (Linux), read from /proc. */
function inotifyWatches(): number {
  let watches = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (!fs.readlinkSync(`/proc/self/fd/${fd}`).includes('inotify')) continue;
      watches += fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((line) => line.startsWith('inotify')).length;
    } catch {
      // A descriptor closed while we looked.
    }
  }
  return watches;
}

describe('the watcher over a large folder', () => {
  // Node's recursive fs.watch on Linux takes one inotify watch (and a JS watcher) per file: at
  // 100,000 files, 2.6 s of blocked start-up, +221 MiB and 100,101 watches, past the user's limit
  // at a million (then it watches nothing, silently, for every process of that user).
  it.runIf(process.platform === 'linux')('takes one watch per folder, not one per file', () => {
    for (const folder of ['politics', 'economy']) {
      fs.mkdirSync(path.join(dir, folder));
      for (let i = 0; i < 1000; i++) {
        fs.writeFileSync(path.join(dir, folder, `${i}.md`), `---\ntitle: 기사 ${i}\ndate: 2024-01-01\n---\n본문\n`);
      }
    }
    const before = inotifyWatches();
    const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, live: true });
    try {
      expect(inotifyWatches() - before).toBeLessThanOrEqual(10);
    } finally {
      source.close();
    }
  });
});

/** A promise to hold something with, and the function that lets it go. */
function gate(): { held: Promise<void>; open: () => void } {
  let open = () => {};
  const held = new Promise<void>((resolve) => (open = resolve));
  return { held, open };
}

/** A loader that parses what it is sent at once, says so, and hands it back once `held` is let go. */
function heldLoader(held: Promise<void>, onParsed: (files: readonly FileToLoad[]) => void = () => {}): FileLoader {
  return {
    async load(files, now, maxFileBytes) {
      const results = files.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes }));
      onParsed(files);
      await held;
      return results;
    },
  };
}

describe('a background read with read threads (lib/workers/read-pool.ts)', () => {
  function openBackground(loader: FileLoader) {
    const archive = openArchive({ file: ':memory:', fingerprint: 'test' });
    const records = archiveRecords(archive);
    const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: true, watch: false, background: true, loader });
    return { source, store: openArchiveStore({ root: dir, archive, source, records }) };
  }
  const titles = (store: ReturnType<typeof openBackground>['store']) =>
    listArticles(makeView(store.getReader(), new Date()), {}, 2000).map((a) => a.title).sort();

  it('parses every content file on the loader, never a file that is no content', async () => {
    for (let i = 0; i < 1050; i++) write(`desk/${i}.md`, `기사 ${i}`);
    fs.writeFileSync(path.join(dir, 'desk', 'notes.pdf'), '%PDF');
    const asked: string[] = [];
    const { source, store } = openBackground({
      async load(files, now, maxFileBytes) {
        asked.push(...files.map((file) => file.entry.path));
        return files.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes }));
      },
    });
    await store.whenRead();
    expect(titles(store)).toHaveLength(1050);
    expect(asked).toHaveLength(1050);
    expect(asked).not.toContain('desk/notes.pdf');
    source.close();
  });

  // Seen at a million articles: a restart's whole read (stat and look up every file) took two
  // minutes, and a file dropped meanwhile waited for all of it (publishing took > 30 s, not ≤ 1 s).
  it('takes a file saved or edited during a whole read at once, and the read does not undo it', async () => {
    for (let i = 0; i < 1100; i++) write(`desk/${i}.md`, `기사 ${i}`);
    const held = gate();
    const parsedFirst = gate();
    let firstSent: string | undefined;
    // What a read thread took before the edit.
    const { source, store } = openBackground(
      heldLoader(held.held, (files) => {
        firstSent ??= files.find((file) => file.entry.path.startsWith('desk/'))?.entry.path;
        parsedFirst.open();
      }),
    );
    const titles = () => listArticles(makeView(store.getReader(), new Date()), {}, 2000).map((a) => a.title);
    const read = store.whenRead();
    await parsedFirst.held;
    // The read is held with a batch parsed: a new file, and an edit of one it has parsed already.
    const edited = firstSent!;
    const before = `기사 ${path.basename(edited, '.md')}`;
    write('desk/new.md', '새로 올린 기사');
    write(edited, '고친 기사');
    const old = new Date(Date.now() - 60_000);
    for (const name of ['desk/new.md', edited]) fs.utimesSync(path.join(dir, name), old, old);
    source.noteChanged(['desk/new.md', edited]);
    expect(titles()).toEqual(expect.arrayContaining(['새로 올린 기사', '고친 기사']));
    held.open();
    await read;
    const after = titles();
    expect(after).toHaveLength(1101);
    expect(after).toEqual(expect.arrayContaining(['새로 올린 기사', '고친 기사']));
    expect(after).not.toContain(before);
    source.close();
  });

  // Seen during a new build's read of 100,000 files: the first article of a new day's folder
  // waited for the whole read (> 30 s), since a new folder sent the source to a read after it.
  it('takes a new folder’s files during a whole read at once, and keeps them when the read ends', async () => {
    for (let i = 0; i < 1100; i++) write(`desk/${i}.md`, `기사 ${i}`);
    const held = gate();
    const parsedFirst = gate();
    const { source, store } = openBackground(heldLoader(held.held, () => parsedFirst.open()));
    const titles = () => listArticles(makeView(store.getReader(), new Date()), {}, 2000).map((a) => a.title);
    const read = store.whenRead();
    await parsedFirst.held;
    write('2026/12/06/first.md', '새 날의 첫 기사');
    write('2026/12/06/photos/second.md', '둘째 기사');
    const old = new Date(Date.now() - 60_000);
    for (const name of ['2026/12/06/first.md', '2026/12/06/photos/second.md']) fs.utimesSync(path.join(dir, name), old, old);
    // The watcher names the new top folder only.
    source.noteChanged(['2026']);
    expect(titles()).toEqual(expect.arrayContaining(['새 날의 첫 기사', '둘째 기사']));
    held.open();
    await read;
    expect(titles()).toEqual(expect.arrayContaining(['새 날의 첫 기사', '둘째 기사']));
    expect(titles()).toHaveLength(1102);
    // A folder of more names than a look should take is read whole after the read, as before.
    const big = gate();
    const { source: second, store: secondStore } = openBackground(heldLoader(big.held));
    const secondRead = secondStore.whenRead();
    for (let i = 0; i < 300; i++) write(`bulk/b${i}.md`, `묶음 ${i}`);
    second.noteChanged(['bulk']);
    secondStore.getReader();
    big.open();
    await secondRead;
    secondStore.getReader();
    await secondStore.whenRead();
    const count = () => listArticles(makeView(secondStore.getReader(), new Date()), {}, 2000).length;
    expect(count()).toBe(1402);
    second.close();
    source.close();
  });

  // Found by the attack review of the above: the old folder's file was on a read thread, so the
  // old name was no known folder, and what the thread gave back was kept beside the new name's.
  it('keeps a folder renamed during a whole read once, under its new name', async () => {
    for (let i = 0; i < 1100; i++) write(`desk/${i}.md`, `기사 ${i}`);
    write('zz/story.md', '옮겨질 기사');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'zz/story.md'), old, old);
    const held = gate();
    const sent = gate();
    const onThread = (files: readonly FileToLoad[]) => {
      if (files.some((file) => file.entry.path === 'zz/story.md')) sent.open();
    };
    const { source, store } = openBackground(heldLoader(held.held, onThread));
    const read = store.whenRead();
    await sent.held;
    fs.renameSync(path.join(dir, 'zz'), path.join(dir, 'yy'));
    source.noteChanged(['zz', 'yy']);
    store.getReader();
    held.open();
    await read;
    store.getReader();
    await store.whenRead();
    const stories = listArticles(makeView(store.getReader(), new Date()), {}, 2000).filter((a) => a.title === '옮겨질 기사');
    expect(stories.map((a) => a.source.path)).toEqual(['yy/story.md']);
    source.close();
  });

  // Seen at a million articles when the disk filled: the read ended with its error, but the
  // batch chained after the refused one failed too, awaited by no one (an unhandled rejection).
  it('ends a read the index refuses (a full disk) with one error, nothing unhandled, and reads it all next time', async () => {
    for (let i = 0; i < 1500; i++) write(`desk/${i}.md`, `기사 ${i}`);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const archive = openArchive({ file: ':memory:', fingerprint: 'test' });
      const records = archiveRecords(archive);
      const loader: FileLoader = {
        load: async (files, now, maxFileBytes) => files.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes })),
      };
      const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: true, watch: false, background: true, loader });
      const store = openArchiveStore({ root: dir, archive, source, records });
      const apply = archive.apply;
      archive.apply = () => {
        archive.apply = apply;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      };
      await store.whenRead();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(errors.mock.calls.some((call) => String(call[1]).includes('disk is full'))).toBe(true);
      // The space is back: the next look reads what the refused batches held.
      await vi.waitFor(async () => {
        await store.whenRead();
        expect(listArticles(makeView(store.getReader(), new Date()), {}, 2000)).toHaveLength(1500);
      }, { timeout: 20_000 });
      source.close();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      errors.mockRestore();
    }
  });

  // CI found it: a server just started on a handful of files answered an article 404 ("still
  // reading") while the read threads started, longer than parsing them here takes.
  it('parses a small folder on its own thread, without starting the loader', async () => {
    for (let i = 0; i < 30; i++) write(`desk/${i}.md`, `기사 ${i}`);
    let asked = 0;
    const { source, store } = openBackground({
      load: async (files) => {
        asked += files.length;
        return [];
      },
    });
    await store.whenRead();
    expect(titles(store)).toHaveLength(30);
    expect(asked).toBe(0);
    source.close();
  });

  it('reads on its own thread, and says so once, when the loader cannot run at all', async () => {
    for (let i = 0; i < 1050; i++) write(`desk/${i}.md`, `기사 ${i}`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let calls = 0;
    const { source, store } = openBackground({
      load: async () => {
        calls += 1;
        throw new Error('스레드가 없습니다');
      },
    });
    await store.whenRead();
    expect(titles(store)).toHaveLength(1050);
    // Set aside after the first failure (the next batch was already on its way).
    expect(calls).toBeLessThanOrEqual(2);
    expect(errors.mock.calls.filter((call) => String(call[0]).includes('읽기 작업 스레드'))).toHaveLength(1);
    errors.mockRestore();
    source.close();
  });
});

describe('the safety recheck of a watched folder (file systems that drop events)', () => {
  it('finds a change the watcher never said, resting between batches 19 times as long as each took', async () => {
    for (let i = 0; i < 450; i++) write(`news/${String(i).padStart(3, '0')}.md`, `기사 ${i}`);
    const records = memoryRecords();
    const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: true, recheckMs: 20 });
    try {
      source.refresh(Date.now());
      // What a dropped event looks like to the source: the last file on disk is not what it recorded.
      const name = 'news/449.md';
      const entry = { path: name, absolute: path.join(dir, name), kind: 'article' } as const;
      const recorded = records.get(name)!;
      records.set(entry, { ...recorded, mtimeMs: recorded.mtimeMs - 1000 });
      const lookedAt: number[] = [];
      const get = records.get.bind(records);
      records.get = (file) => (lookedAt.push(performance.now()), get(file));
      expect(source.needsRefresh(Date.now())).toBe(false);
      await vi.waitFor(() => expect(source.needsRefresh(Date.now())).toBe(true), { timeout: 20_000, interval: 20 });
      // Found by the recheck, which looked at every file, in batches of 200 with a rest after each.
      expect(lookedAt.length).toBe(450);
      for (const end of [200, 400]) {
        const worked = lookedAt[end - 1]! - lookedAt[end - 200]!;
        const rested = lookedAt[end]! - lookedAt[end - 1]!;
        expect(rested).toBeGreaterThanOrEqual(restAfter(worked) - 2);
      }
      // Read again once written a moment ago (the source lets fresh writes settle first).
      await vi.waitFor(() => {
        if (source.needsRefresh(Date.now())) source.refresh(Date.now());
        expect(records.get(name)!.mtimeMs).toBe(recorded.mtimeMs);
      }, { timeout: 5000, interval: 50 });
    } finally {
      source.close();
    }
  });

  it('rests 19 times as long as it worked: at most a twentieth of the time', () => {
    for (const worked of [1, 40, 4000]) expect(worked / (worked + restAfter(worked))).toBeCloseTo(1 / 20);
    expect(restAfter(-5)).toBe(0);
  });
});

describe('a whole-folder read', () => {
  it('takes reporters’ profiles, series and the site’s settings before the articles that name them', () => {
    // `_reporters/` sorts after dated folders: met last, every article's byline was rewritten at the end.
    for (let i = 0; i < 30; i++) write(`2024/01/${i}.md`, `기사 ${i}`);
    fs.mkdirSync(path.join(dir, '_reporters'));
    fs.writeFileSync(path.join(dir, '_reporters', 'kim.yml'), 'name: 김기자\n');
    fs.mkdirSync(path.join(dir, '_series'));
    fs.writeFileSync(path.join(dir, '_series', 'special.yml'), 'name: 기획\n');
    fs.writeFileSync(path.join(dir, '_site.yml'), 'title: 한빛일보\n');
    const records = memoryRecords();
    const order: string[] = [];
    const set = records.set.bind(records);
    records.set = (entry, record) => (order.push(entry.kind), set(entry, record));
    const source = openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: false });
    source.refresh(Date.now());
    expect(order).toHaveLength(33);
    expect(order.slice(0, 3).sort()).toEqual(['reporter', 'series', 'site']);
    expect(order.slice(3).every((kind) => kind === 'article')).toBe(true);
  });

  it('takes dated folders newest first, so that the front page is right soonest while an archive is read', () => {
    for (const name of ['2016/03/old.md', '2025/12/newest.md', '2021/07/middle.md', '2025/01/new.md']) write(name, name);
    const records = memoryRecords();
    const order: string[] = [];
    const set = records.set.bind(records);
    records.set = (entry, record) => (order.push(entry.path), set(entry, record));
    openFolderSource({ root: dir, maxFileBytes: 1 << 20, records, live: false }).refresh(Date.now());
    expect(order).toEqual(['2025/12/newest.md', '2025/01/new.md', '2021/07/middle.md', '2016/03/old.md']);
  });
});
