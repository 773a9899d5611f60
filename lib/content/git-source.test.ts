import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { git } from '@/deploy/local-cluster.mjs';

import { openArchive } from './archive/archive';
import { archiveRecords } from './archive/records';
import { openArchiveStore } from './archive-store';
import { openGitSource, type GitSourceOptions } from './git-source';
import { loadFile, type FileLoader } from './load-file';
import { listArticles } from './queries';
import { openContentStore, type ContentStore, type SnapshotStore } from './store';
import { makeView } from './view';

let work: string;
let remote: string;
let editor: string;
let store: SnapshotStore | undefined;
let logged: string[];

/** An editor's commit of these files, pushed to the remote's main branch; returns its id. */
function push(files: Record<string, string | null>, message = 'edit', ...pushArgs: string[]): string {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(editor, name);
    if (text === null) fs.rmSync(file);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
  git(editor, 'add', '-A');
  git(editor, 'commit', '-q', '-m', message);
  git(editor, 'push', '-q', ...pushArgs, 'origin', 'HEAD:main');
  return git(editor, 'rev-parse', 'HEAD');
}

function article(title: string, extra = '') {
  return `---\ntitle: ${title}\ndate: 2026-11-01\n${extra}\n---\n본문 ${title}\n`;
}

function open(url = `file://${remote}`, extra: Partial<GitSourceOptions> = {}): SnapshotStore {
  const root = path.join(work, 'clone');
  store = openContentStore({
    root,
    maxFileBytes: 1024 * 1024,
    live: true,
    source: openGitSource({
      root,
      url,
      branch: 'main',
      intervalMs: 0,
      maxFileBytes: 1024 * 1024,
      log: (line) => logged.push(line),
      // These tests ask one update at a time and wait for it: no gap between fetches.
      minFetchGapMs: 0,
      ...extra,
    }),
  });
  return store;
}

const titles = (s: SnapshotStore) => s.getSnapshot().articles.map((a) => a.title).sort();

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'git-source-'));
  remote = path.join(work, 'remote.git');
  editor = path.join(work, 'editor');
  logged = [];
  git(work, 'init', '-q', '--bare', '--initial-branch=main', remote);
  git(work, 'clone', '-q', remote, editor);
  git(editor, 'checkout', '-q', '-b', 'main');
  push({ 'first.md': article('첫 기사') }, 'first');
});

afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(work, { recursive: true, force: true });
});

describe('content from git', () => {
  it('clones the branch and names the commit the files are from', () => {
    const s = open();
    expect(titles(s)).toEqual(['첫 기사']);
    expect(s.getVersion()).toBe(git(editor, 'rev-parse', 'HEAD'));
  });

  it('applies a pushed commit whole: the article and the reporter it names arrive together', async () => {
    const s = open();
    const before = s.getVersion();
    const commit = push({
      'desk/second.md': article('둘째 기사', 'author: kim-hana'),
      '_reporters/kim-hana.yml': 'name: 김하나\nrole: 기자\n',
    });
    // Nothing changes until the source is told (or its interval comes).
    expect(titles(s)).toEqual(['첫 기사']);
    expect(s.getVersion()).toBe(before);
    await s.requestUpdate();
    expect(titles(s)).toEqual(['둘째 기사', '첫 기사']);
    const second = s.getSnapshot().articles.find((a) => a.title === '둘째 기사');
    expect(second?.bylines).toEqual([expect.objectContaining({ name: '김하나', reporterId: 'kim-hana' })]);
    expect(s.getVersion()).toBe(commit);
  });

  it('follows deletions and a force-push that rewrites the branch', async () => {
    const s = open();
    push({ 'second.md': article('둘째 기사') });
    await s.requestUpdate();
    expect(titles(s)).toEqual(['둘째 기사', '첫 기사']);
    // Rewrite history: the branch now has only a new first commit.
    git(editor, 'checkout', '-q', '--orphan', 'rewrite');
    git(editor, 'rm', '-rq', '--cached', '.');
    for (const name of fs.readdirSync(editor)) if (name !== '.git') fs.rmSync(path.join(editor, name), { recursive: true });
    const rewritten = push({ 'only.md': article('유일한 기사') }, 'rewrite', '--force');
    await s.requestUpdate();
    expect(titles(s)).toEqual(['유일한 기사']);
    expect(s.getVersion()).toBe(rewritten);
  });

  it('keeps serving the last commit, with one log line, when the branch is deleted or the remote is gone', async () => {
    const s = open();
    const served = s.getVersion();
    git(remote, 'update-ref', '-d', 'refs/heads/main');
    await s.requestUpdate();
    await s.requestUpdate();
    expect(titles(s)).toEqual(['첫 기사']);
    expect(s.getVersion()).toBe(served);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(served?.slice(0, 12));

    fs.rmSync(remote, { recursive: true });
    await s.requestUpdate();
    expect(titles(s)).toEqual(['첫 기사']);
    expect(logged.length).toBeLessThanOrEqual(2);
  });

  it('reads only what the commit holds: a file left in the clone by hand is not an article', async () => {
    const s = open();
    fs.writeFileSync(path.join(work, 'clone', 'stray.md'), article('몰래 넣은 기사'));
    push({ 'second.md': article('둘째 기사') });
    await s.requestUpdate();
    expect(titles(s)).toEqual(['둘째 기사', '첫 기사']);
    expect(fs.existsSync(path.join(work, 'clone', 'stray.md'))).toBe(false);
  });

  it('starts with an empty site when the remote is unreachable, and fills in once it answers', async () => {
    const missing = path.join(work, 'later.git');
    const s = open(`file://${missing}`);
    expect(titles(s)).toEqual([]);
    expect(logged).toHaveLength(1);
    fs.cpSync(remote, missing, { recursive: true });
    await s.requestUpdate();
    expect(titles(s)).toEqual(['첫 기사']);
  });

  it('fetches at most twice for 200 requests at once (a replayed webhook), and applies the commit', async () => {
    let fetches = 0;
    const runGit = (cwd: string, args: readonly string[]) => {
      if (args[0] === 'fetch') fetches += 1;
      return Promise.resolve(git(cwd, ...args));
    };
    const s = open(undefined, { runGit, minFetchGapMs: 200 });
    const commit = push({ 'second.md': article('둘째 기사') });
    await Promise.all(Array.from({ length: 200 }, () => s.requestUpdate()));
    expect(fetches).toBeLessThanOrEqual(2);
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(s.getVersion()).toBe(commit);
    expect(titles(s)).toEqual(['둘째 기사', '첫 기사']);
  });
});

describe('the folder git mode manages', () => {
  const clone = () => path.join(work, 'clone');

  it('refuses a checkout of another repository: its untracked files, origin and HEAD stay as they were', () => {
    const other = clone();
    git(work, 'init', '-q', '--initial-branch=main', other);
    fs.writeFileSync(path.join(other, 'README.md'), 'the project\n');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'project');
    git(other, 'remote', 'add', 'origin', 'https://example.com/someone/project.git');
    const head = git(other, 'rev-parse', 'HEAD');
    fs.mkdirSync(path.join(other, 'data'));
    fs.writeFileSync(path.join(other, 'data', 'views.db'), 'counts');
    fs.writeFileSync(path.join(other, '.env'), 'SECRET=1');

    expect(() => open()).toThrow(/CONTENT_DIR\(.*\/clone\).*CONTENT_GIT_URL/s);
    expect(() => open()).toThrow(expect.objectContaining({ name: 'ContentFolderRefused' }));
    expect(fs.readFileSync(path.join(other, 'data', 'views.db'), 'utf8')).toBe('counts');
    expect(fs.readFileSync(path.join(other, '.env'), 'utf8')).toBe('SECRET=1');
    expect(git(other, 'remote', 'get-url', 'origin')).toBe('https://example.com/someone/project.git');
    expect(git(other, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(other, 'status', '--porcelain')).toContain('?? .env');
  });

  it('refuses a hand-made checkout of the same repository (all branches), and a folder of files', () => {
    git(work, 'clone', '-q', `file://${remote}`, clone());
    fs.writeFileSync(path.join(clone(), 'draft.md'), '내 초안');
    expect(() => open()).toThrow(/단일 브랜치 클론이 아닙니다/);
    expect(fs.readFileSync(path.join(clone(), 'draft.md'), 'utf8')).toBe('내 초안');

    fs.rmSync(clone(), { recursive: true });
    fs.mkdirSync(clone());
    fs.writeFileSync(path.join(clone(), 'notes.md'), '메모');
    expect(() => open()).toThrow(/CONTENT_DIR\(.*\).*git 저장소가 아닙니다.*CONTENT_GIT_URL/s);
    expect(fs.readdirSync(clone())).toEqual(['notes.md']);
  });

  it('clones into an empty folder the operator made, and keeps the folder', () => {
    fs.mkdirSync(clone());
    fs.chmodSync(clone(), 0o750);
    const s = open();
    expect(titles(s)).toEqual(['첫 기사']);
    expect(fs.statSync(clone()).mode & 0o777).toBe(0o750);
    expect(fs.existsSync(path.join(clone(), '.git', 'hangul-news-content-clone'))).toBe(true);
  });

  it('adopts a clone the previous version made (same repository, one branch, detached, no marker), once', async () => {
    git(work, 'clone', '-q', '--no-tags', '--single-branch', '--branch', 'main', '--', `file://${remote}`, clone());
    git(clone(), 'checkout', '-q', '--detach');
    const commit = push({ 'second.md': article('둘째 기사') });
    const s = open();
    expect(logged).toEqual([expect.stringContaining('이어서 관리합니다')]);
    expect(titles(s)).toEqual(['둘째 기사', '첫 기사']);
    expect(s.getVersion()).toBe(commit);
    s.close();
    store = undefined;
    open();
    expect(logged).toHaveLength(1);
  });

  // Attack finding: an editor's working copy made with `git clone --depth 1` (which implies
  // --single-branch) looks exactly like a clone the previous version made, and is adopted: its
  // untracked draft is deleted by `git clean -ffdx` without a word.
  it('never deletes a draft from an editor’s shallow clone of the same repository', () => {
    git(work, 'clone', '-q', '--depth', '1', `file://${remote}`, clone());
    fs.writeFileSync(path.join(clone(), 'draft.md'), '내 초안');
    try {
      open();
    } catch {
      // Refusing the folder is a right answer too.
    }
    expect(fs.readFileSync(path.join(clone(), 'draft.md'), 'utf8')).toBe('내 초안');
  });

  it('follows its own clone across restarts, and a new CONTENT_GIT_URL for the same repository (a rotated token)', async () => {
    open().close();
    store = undefined;
    const commit = push({ 'second.md': article('둘째 기사') });
    const moved = path.join(work, 'moved.git');
    fs.renameSync(remote, moved);
    const s = open(`file://${moved}`);
    expect(s.getVersion()).toBe(commit);
    expect(git(clone(), 'remote', 'get-url', 'origin')).toBe(`file://${moved}`);
    expect(logged).toEqual([]);
  });

  it('never writes a URL’s credentials to the log, from its own lines or from git’s', async () => {
    const secretUrl = 'http://newsroom:tok-3f9a7c1e@127.0.0.1:1/content.git?access_token=qs-8d2b';
    const s = open(secretUrl);
    await s.requestUpdate();
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain('tok-3f9a7c1e');
      expect(line).not.toContain('qs-8d2b');
    }
    expect(logged[0]).toContain('http://***@127.0.0.1:1/content.git');

    s.close();
    store = undefined;
    fs.mkdirSync(clone(), { recursive: true });
    fs.writeFileSync(path.join(clone(), 'notes.md'), '메모');
    let message = '';
    try {
      open(secretUrl);
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('CONTENT_GIT_URL');
    expect(message).not.toContain('tok-3f9a7c1e');
  });
});

/** A promise to hold something with, and the function that lets it go. */
function gate(): { held: Promise<void>; open: () => void } {
  let open = () => {};
  const held = new Promise<void>((resolve) => (open = resolve));
  return { held, open };
}

// A built server in git mode (a new instance of a cluster): it answers from its on-disk index at
// once, and makes, fetches and reads its clone in the background, on the read threads, as a
// folder's first start does. Before, the clone and the whole read ran before the first answer:
// 17,667 articles held every request for 25 s (bench: /work/tmp/git-first.sh), a million for
// half an hour.
describe('content from git on a built server (in the background)', () => {
  let opened: ContentStore | undefined;
  afterEach(() => opened?.close());

  function openBuilt(extra: Partial<GitSourceOptions> = {}, url = `file://${remote}`): ContentStore {
    const root = path.join(work, 'clone');
    const archive = openArchive({ file: path.join(work, 'index.sqlite'), fingerprint: 'test' });
    const records = archiveRecords(archive);
    const source = openGitSource({
      root, url, branch: 'main', intervalMs: 0, maxFileBytes: 1024 * 1024, records, background: true,
      log: (line) => logged.push(line), minFetchGapMs: 0, ...extra,
    });
    opened = openArchiveStore({ root, archive, source, records });
    return opened;
  }
  const builtTitles = (s: ContentStore) => listArticles(makeView(s.getReader(), new Date()), {}, 2000).map((a) => a.title).sort();
  /** git as the source runs it, each command held until `until` settles. */
  const heldGit = (until: Promise<void>) => async (cwd: string, args: readonly string[]) => {
    await until;
    return git(cwd, ...args);
  };

  it('answers while it clones and reads, and names the commit only once all of it is read', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) files[`2026/${i}.md`] = article(`기사 ${i}`);
    const commit = push(files, 'archive');
    const cloning = gate();
    const parsing = gate();
    const loader: FileLoader = {
      async load(list, now, maxFileBytes) {
        await parsing.held;
        return list.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes }));
      },
    };
    const s = openBuilt({ runGit: heldGit(cloning.held), loader });
    // Opened without a clone: the site answers, empty, and says it is still reading.
    expect(fs.existsSync(path.join(work, 'clone'))).toBe(false);
    expect(builtTitles(s)).toEqual([]);
    expect(s.isReading()).toBe(true);
    const read = s.whenRead();
    cloning.open();
    await vi.waitFor(() => expect(fs.existsSync(path.join(work, 'clone', '2026', '0.md'))).toBe(true));
    // Cloned; the read is held on the read threads: still reading, and no commit is named yet
    // (a page rendered now is of a commit partly read).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.isReading()).toBe(true);
    expect(s.getVersion()).not.toBe(commit);
    parsing.open();
    await read;
    expect(s.isReading()).toBe(false);
    expect(builtTitles(s)).toHaveLength(1101);
    expect(s.getVersion()).toBe(commit);
  });

  it('rejoins on the newest commit: what was pushed while it was down answers at once, before its whole read', async () => {
    const files = many('기사');
    push(files, 'archive');
    const first = openBuilt();
    await first.whenRead();
    first.close();
    const commit = push({ 'second.md': article('둘째 기사'), '2026/5.md': article('고친 기사 5') });
    const held = gate();
    const s = openBuilt({
      loader: {
        async load(list, now, maxFileBytes) {
          await held.held;
          return list.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes }));
        },
      },
    });
    // The whole read of the clone is held on the read threads; the fetched commit's files are read.
    const titles = builtTitles(s);
    expect(titles).toEqual(expect.arrayContaining(['둘째 기사', '고친 기사 5']));
    expect(titles).not.toContain('기사 5');
    expect(s.isReading()).toBe(true);
    held.open();
    await s.whenRead();
    expect(builtTitles(s)).toHaveLength(1102);
    expect(s.getVersion()).toBe(commit);
  });

  /** A loader whose calls wait on what `hold` returns for them (the nth call of the source). */
  function heldLoader(hold: (call: number) => Promise<void> | undefined) {
    let calls = 0;
    const loader: FileLoader = {
      async load(list, now, maxFileBytes) {
        calls += 1;
        await hold(calls);
        return list.map((file) => loadFile(file.entry, file, new Date(now), { maxFileBytes }));
      },
    };
    return { loader, calls: () => calls };
  }
  /** A commit's worth of articles: more than a background read parses on its own thread. */
  function many(prefix: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) files[`2026/${i}.md`] = article(`${prefix} ${i}`);
    return files;
  }

  // Found by the attack review: a push of 1,100 files is read in the background while pages are
  // served. A page rendered meanwhile showed the new commit's text under the old commit's name, and
  // passed for current once the branch was pushed back to that old commit.
  it('names no commit while a read holds files of two, so no page cached meanwhile passes for current after', async () => {
    const a = push(many('옛'), 'A');
    const held = gate();
    let holdAfter = Infinity;
    const { loader, calls } = heldLoader((call) => (call > holdAfter ? held.held : undefined));
    const s = openBuilt({ loader });
    await s.whenRead();
    expect(s.getVersion()).toBe(a);
    holdAfter = calls() + 3;
    const b = push(many('새'), 'B');
    await s.requestUpdate();
    await vi.waitFor(() => expect(builtTitles(s).some((title) => title.startsWith('새'))).toBe(true), { timeout: 10_000 });
    // Half of B is in the index: the version is neither A nor B.
    const midRead = s.getVersion();
    expect(builtTitles(s).some((title) => title.startsWith('옛'))).toBe(true);
    expect([a, b]).not.toContain(midRead);
    held.open();
    await s.whenRead();
    expect(s.getVersion()).toBe(b);
    git(editor, 'reset', '-q', '--hard', a);
    git(editor, 'push', '-q', '--force', 'origin', 'HEAD:main');
    await s.requestUpdate();
    await s.whenRead();
    expect(s.getVersion()).toBe(a);
    expect(builtTitles(s).filter((title) => title.startsWith('새'))).toEqual([]);
    expect(s.getVersion()).not.toBe(midRead);
  }, 90_000);

  // Found by the attack review: a checkout that failed after writing files (a timeout, a full
  // disk) while a background read ran left the read's copies of them in the index for good.
  it('reads again what a failed checkout touched while a read ran', async () => {
    push(many('옛'), 'A');
    const first = gate();
    const rest = gate();
    const loaded = gate();
    const { loader, calls } = heldLoader((call) => (call === 1 ? first.held : rest.held));
    const load = loader.load.bind(loader);
    loader.load = async (...args) => {
      const results = await load(...args);
      loaded.open();
      return results;
    };
    let failCheckout = false;
    const runGit = async (cwd: string, args: readonly string[]) => {
      const out = git(cwd, ...args);
      if (failCheckout && args[0] === 'checkout') {
        failCheckout = false;
        // B's files are written: the held batch reads them, then git gives up.
        first.open();
        await loaded.held;
        throw new Error('git checkout: timed out');
      }
      return out;
    };
    const s = openBuilt({ loader, runGit });
    await vi.waitFor(() => {
      s.getReader();
      expect(calls()).toBeGreaterThan(0);
    }, { timeout: 20_000 });
    push(many('새'), 'B');
    failCheckout = true;
    await s.requestUpdate();
    expect(logged.join('\n')).toContain('timed out');
    rest.open();
    await s.whenRead();
    expect(builtTitles(s).filter((title) => title.startsWith('새'))).toEqual([]);
    expect(builtTitles(s)).toHaveLength(1101);
  }, 90_000);

  it('closed while it clones: waiting for the read ends, and nothing is read after', async () => {
    const cloning = gate();
    const s = openBuilt({ runGit: heldGit(cloning.held) });
    const read = s.whenRead().then(() => 'ended', (error: unknown) => `failed: ${String(error)}`);
    s.close();
    opened = undefined;
    cloning.open();
    expect(await read).toBe('ended');
  });

  it('starts empty when the remote is unreachable, says so once, and is not left reading', async () => {
    const s = openBuilt({}, `file://${path.join(work, 'missing.git')}`);
    await s.whenRead();
    expect(s.isReading()).toBe(false);
    expect(builtTitles(s)).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/missing\.git/);
  });
});
