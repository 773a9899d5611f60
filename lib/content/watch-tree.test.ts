import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { watchTree, type TreeWatcher } from './watch-tree';

let dir: string;
let watcher: TreeWatcher | undefined;

afterEach(() => {
  watcher?.close();
  watcher = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('watching the content folder', () => {
  it('takes one watch a folder, however many files it holds, and hears files deep in it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-tree-'));
    for (const folder of ['2026/11', '2026/12', '.git/objects']) fs.mkdirSync(path.join(dir, folder), { recursive: true });
    for (let i = 0; i < 300; i += 1) fs.writeFileSync(path.join(dir, '2026', '11', `${i}.md`), 'x');
    const heard: (string | undefined)[] = [];
    watcher = watchTree(dir, (name) => heard.push(name), () => heard.push('error'));
    // The root, 2026, 2026/11 and 2026/12: not the 300 files, and not the hidden .git.
    await vi.waitFor(() => expect(watcher?.size).toBe(4));

    fs.writeFileSync(path.join(dir, '2026', '12', 'new.md'), 'y');
    await vi.waitFor(() => expect(heard).toContain('2026/12/new.md'));
  });

  it('watches a folder added later, and lets go of one removed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-tree-'));
    const heard: (string | undefined)[] = [];
    watcher = watchTree(dir, (name) => heard.push(name), () => heard.push('error'));
    await vi.waitFor(() => expect(watcher?.size).toBe(1));

    fs.mkdirSync(path.join(dir, 'desk', 'economy'), { recursive: true });
    await vi.waitFor(() => expect(watcher?.size).toBe(3));
    fs.writeFileSync(path.join(dir, 'desk', 'economy', 'story.md'), 'z');
    await vi.waitFor(() => expect(heard).toContain('desk/economy/story.md'));

    fs.rmSync(path.join(dir, 'desk'), { recursive: true });
    await vi.waitFor(() => expect(watcher?.size).toBe(1));
    expect(heard).not.toContain('error');
  });

  it('in the background, returns before reading the folders and says when every one is watched', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-tree-'));
    for (let i = 0; i < 40; i += 1) fs.mkdirSync(path.join(dir, 'desk', String(i)), { recursive: true });
    const heard: (string | undefined)[] = [];
    watcher = watchTree(dir, (name) => heard.push(name), () => heard.push('error'), { background: true });
    // Only the root so far: its folders are read after this returns.
    expect(watcher.size).toBe(1);
    await watcher.ready;
    expect(watcher.size).toBe(42);
    fs.writeFileSync(path.join(dir, 'desk', '39', 'late.md'), 'w');
    await vi.waitFor(() => expect(heard).toContain('desk/39/late.md'));
    expect(heard).not.toContain('error');
  });
});
