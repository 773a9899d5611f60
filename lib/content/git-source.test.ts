import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { git } from '@/deploy/local-cluster.mjs';

import { openGitSource } from './git-source';
import { openContentStore, type ContentStore } from './store';

let work: string;
let remote: string;
let editor: string;
let store: ContentStore | undefined;
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

function open(url = `file://${remote}`): ContentStore {
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
      useParseCache: false,
      log: (line) => logged.push(line),
    }),
  });
  return store;
}

const titles = (s: ContentStore) => s.getSnapshot().articles.map((a) => a.title).sort();

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
});
