import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';

import { openFolderSource, type FolderSource } from './folder-source';
import type { LoadOptions } from './load-file';
import type { ContentSource } from './source';

export interface GitSourceOptions extends LoadOptions {
  /** The clone, which is the content folder (the repository's root is the folder's root). */
  root: string;
  /** The remote: any URL git fetches from, `file://` included. */
  url: string;
  branch: string;
  /** How often to fetch without being told to; 0: only when told. */
  intervalMs: number;
  useParseCache: boolean;
  /** One line for each change of state (a fetch that fails, then works again), never one a fetch. */
  log: (line: string) => void;
}

/** No git call may hold the follower longer than this (an unreachable remote, a huge fetch). */
const GIT_TIMEOUT_MS = 60_000;
/** At start the server waits for the remote this long, then starts on the commit it has. */
const START_FETCH_TIMEOUT_MS = 10_000;
const GIT_ENV = {
  ...process.env,
  // Never wait for a password or a host key: an unreachable remote is an error, at once.
  GIT_TERMINAL_PROMPT: '0',
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
  LC_ALL: 'C',
};

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: GIT_ENV, timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(firstLine(stderr) || error.message));
        else resolve(stdout);
      },
    );
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

function isClone(root: string): boolean {
  return fs.existsSync(`${root}/.git`);
}

function isEmptyOrMissing(root: string): boolean {
  try {
    return fs.readdirSync(root).length === 0;
  } catch {
    return true;
  }
}

/**
 * A content folder that follows a branch of a git repository. The clone is the folder; the folder
 * source reads it. An update fetches, checks the new commit out while the store keeps the last
 * snapshot (it is not asked to refresh until the checkout is complete, so no reader sees half a
 * commit), then names the paths the commit changed; the next snapshot is of the new commit whole.
 * Anything that goes wrong (remote unreachable, branch deleted, a checkout that fails) leaves the
 * last good commit checked out and served.
 */
export function openGitSource(options: GitSourceOptions): ContentSource {
  const { root, url, branch } = options;
  const remoteRef = `refs/remotes/origin/${branch}`;
  let lastProblem: string | undefined;
  /** The commit checked out, whose files the folder source reads. */
  let checkedOut: string | undefined;
  /** The commit the files last read are from: what a page rendered now is a version of. */
  let applied: string | undefined;
  let applying = false;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  function problem(message: string): void {
    const line = `git ${url} (${branch}): ${message}${applied ? `; 마지막으로 받은 커밋 ${applied.slice(0, 12)}을(를) 계속 보여 줍니다` : ''}`;
    if (line !== lastProblem) options.log(line);
    lastProblem = line;
  }

  function recovered(): void {
    if (lastProblem) options.log(`git ${url} (${branch}): 다시 받아 옵니다`);
    lastProblem = undefined;
  }

  // The same commands at start (synchronously, before the first snapshot) and on every update.
  const cloneArgs = ['clone', '--quiet', '--no-tags', '--single-branch', '--branch', branch, '--', url, root];
  // `+`: a force-push replaces the branch; the site follows what the branch now says.
  const fetchArgs = ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${branch}:${remoteRef}`];
  const targetArgs = ['rev-parse', '--verify', `${remoteRef}^{commit}`];
  const checkoutArgs = (commit: string) => ['checkout', '--quiet', '--force', '--detach', commit];
  // Nothing but the commit: files a failed checkout or a hand left behind are not articles.
  const cleanArgs = ['clean', '--quiet', '-ffdx'];
  const gitSync = (args: readonly string[], timeout = GIT_TIMEOUT_MS, cwd = root) =>
    execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe', timeout }).trim();

  /**
   * Before the first snapshot: the clone, made or brought up to date, so a new server starts with
   * the content and one that rejoins starts on the newest commit, not the one it stopped at.
   */
  function prepareNow(): void {
    if (isClone(root)) {
      gitSync(['remote', 'set-url', 'origin', url]);
      checkedOut = gitSync(['rev-parse', 'HEAD']);
      gitSync(fetchArgs, START_FETCH_TIMEOUT_MS);
      const target = gitSync(targetArgs);
      if (target !== checkedOut) {
        gitSync(checkoutArgs(target));
        checkedOut = target;
      }
      gitSync(cleanArgs);
    } else if (isEmptyOrMissing(root)) {
      fs.rmSync(root, { recursive: true, force: true });
      gitSync(cloneArgs, GIT_TIMEOUT_MS, '/');
      checkedOut = gitSync(['rev-parse', 'HEAD']);
    } else {
      throw new Error(`${root}: 이미 파일이 있고 git 저장소가 아닙니다 (CONTENT_DIR을 비우거나 다른 곳을 지정하세요)`);
    }
  }

  try {
    prepareNow();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    problem(firstLine(stderr) || (error instanceof Error ? error.message : String(error)));
  }

  const folder: FolderSource = openFolderSource({
    root,
    maxFileBytes: options.maxFileBytes,
    live: true,
    watch: false,
    useParseCache: options.useParseCache,
  });

  /** Fetches the branch and, if it moved, checks out its head. */
  async function pull(): Promise<void> {
    if (!isClone(root)) {
      if (!isEmptyOrMissing(root)) return;
      await git('/', cloneArgs);
      checkedOut = (await git(root, ['rev-parse', 'HEAD'])).trim();
      recovered();
      folder.noteChanged();
      return;
    }
    await git(root, fetchArgs);
    const target = (await git(root, targetArgs)).trim();
    recovered();
    if (target === checkedOut) return;
    let paths: string[] | undefined;
    if (checkedOut) {
      try {
        const diff = await git(root, ['diff', '--name-only', '--no-renames', '-z', checkedOut, target]);
        paths = diff.split('\0').filter((name) => name.length > 0);
      } catch {
        paths = undefined; // An old commit no longer in the clone: rescan the whole folder.
      }
    }
    applying = true;
    try {
      await git(root, checkoutArgs(target));
      await git(root, cleanArgs);
      checkedOut = target;
    } catch (error) {
      // Back to the commit being served, whole: a half-done checkout must not be read.
      if (checkedOut) await git(root, checkoutArgs(checkedOut)).catch(() => {});
      throw error;
    } finally {
      applying = false;
    }
    folder.noteChanged(paths);
  }

  function update(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      // A signal during a fetch may be for a commit that fetch missed: fetch once more after it.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pull();
        } catch (error) {
          problem(error instanceof Error ? error.message : String(error));
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = options.intervalMs > 0 ? setInterval(() => void update(), options.intervalMs) : undefined;
  timer?.unref();

  return {
    needsRefresh: (now) => !applying && folder.needsRefresh(now),
    refresh(now) {
      const commit = checkedOut;
      const changed = folder.refresh(now);
      applied = commit;
      return changed;
    },
    files: () => folder.files(),
    newestChange: () => folder.newestChange(),
    version: () => applied,
    requestUpdate: update,
    close() {
      closed = true;
      if (timer) clearInterval(timer);
      folder.close();
    },
  };
}
