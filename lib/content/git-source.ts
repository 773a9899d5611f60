import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { coalesce } from '@/lib/cluster/coalesce';
import { redact } from '@/lib/redact';

import { openFolderSource, type FolderSource } from './folder-source';
import type { FileLoader, LoadOptions } from './load-file';
import type { FileRecords } from './file-records';
import type { ContentSource } from './source';

export interface GitSourceOptions extends LoadOptions {
  /** The clone, which is the content folder (the repository's root is the folder's root). */
  root: string;
  /** The remote: any URL git fetches from, `file://` included. */
  url: string;
  branch: string;
  /** How often to fetch without being told to; 0: only when told. */
  intervalMs: number;
  /** Where what was read is kept (lib/content/file-records.ts); in memory unless given. */
  records?: FileRecords;
  /**
   * One line for each change of state (a fetch that fails, then works again), never one a fetch.
   * Every line has its credentials redacted first.
   */
  log: (line: string) => void;
  /** Fetches start at most this often, however often they are asked for; default 3 s. */
  minFetchGapMs?: number;
  /** Runs git for an update (tests count the fetches through it); default: the git on PATH. */
  runGit?: (cwd: string, args: readonly string[]) => Promise<string>;
  /**
   * A built server's way: a first clone is made, and the clone read, without holding the event loop
   * (the folder source's `background`, with `loader`'s threads); requests are answered from the
   * index as it stands meanwhile, and `isReading` says so. A clone it has is still fetched first.
   * Off (tests, tools): the clone is ready and read before the first snapshot.
   */
  background?: boolean;
  loader?: FileLoader;
}

/**
 * CONTENT_DIR is not a folder git mode may manage (another repository's checkout, a folder of
 * files): nothing was run in it. The server must not start on it.
 */
export class ContentFolderRefused extends Error {
  override name = 'ContentFolderRefused';
}

/** No git call may hold the follower longer than this (an unreachable remote, a huge fetch). */
const GIT_TIMEOUT_MS = 60_000;
/** At start the server waits for the remote this long, then starts on the commit it has. */
const START_FETCH_TIMEOUT_MS = 10_000;
/** Written into .git when git mode makes the clone: only a folder that has it is ever changed. */
const MARKER = 'hangul-news-content-clone';
/** Asks for fetches coming faster than this are merged (replayed webhooks, every instance's signal). */
const MIN_FETCH_GAP_MS = 3000;
const GIT_ENV = {
  ...process.env,
  // Never wait for a password or a host key: an unreachable remote is an error, at once.
  GIT_TERMINAL_PROMPT: '0',
  GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
  LC_ALL: 'C',
};

/**
 * Git's environment for commands in `root`: it never looks above the clone for a repository, so a
 * clone that vanished cannot turn a command on the project (or any checkout around it).
 */
function gitEnv(root: string): NodeJS.ProcessEnv {
  return { ...GIT_ENV, GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(root)) };
}

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: gitEnv(cwd), timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
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

/** A value of the clone's own .git/config, read without running anything in the folder. */
function readConfig(root: string, key: string): string[] {
  try {
    const out = execFileSync('git', ['config', '--file', path.join(/* turbopackIgnore: true */ root, '.git', 'config'), '--get-all', key], {
      env: GIT_ENV,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return out.split('\n').filter((line) => line.length > 0);
  } catch {
    return [];
  }
}

/** A URL as it names a repository: credentials do not change which one (a rotated token). */
const sameRepository = (a: string, b: string) => redact(a.trim()) === redact(b.trim());

/**
 * What git mode may do with `root`, decided before any git command runs in it: make the clone
 * (missing or empty), follow it (a clone with the marker), adopt it (a clone the version before the
 * marker made: the same repository, cloned with a single branch, on a detached commit), or nothing at all (throws
 * ContentFolderRefused, naming the folder and what to change).
 */
function claimFolder(root: string, url: string): 'clone' | 'owned' | 'adopted' {
  function refuse(reason: string): never {
    throw new ContentFolderRefused(
      `CONTENT_DIR(${root})은(는) git 모드가 만든 클론이 아닙니다: ${reason}. git 모드는 폴더의 파일을 지우고 바꾸므로 ` +
        `이 폴더에는 아무것도 하지 않았습니다. CONTENT_DIR을 없거나 빈 폴더로 바꾸거나, CONTENT_GIT_URL(${redact(url)})을 확인하세요`,
    );
  }
  let entries: string[];
  try {
    if (!fs.statSync(root).isDirectory()) refuse('폴더가 아닙니다');
    entries = fs.readdirSync(root);
  } catch (error) {
    if (error instanceof ContentFolderRefused) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'clone';
    return refuse(`읽을 수 없습니다 (${code ?? String(error)})`);
  }
  if (entries.length === 0) return 'clone';
  const dotGit = path.join(/* turbopackIgnore: true */ root, '.git');
  if (!entries.includes('.git')) refuse('파일이 있고 git 저장소가 아닙니다');
  if (!fs.lstatSync(dotGit).isDirectory()) refuse('.git이 폴더가 아닙니다 (다른 저장소의 워크트리나 서브모듈)');
  if (fs.existsSync(path.join(/* turbopackIgnore: true */ dotGit, MARKER))) return 'owned';
  const [origin] = readConfig(root, 'remote.origin.url');
  if (origin === undefined) refuse('origin이 없는 git 저장소입니다');
  if (!sameRepository(origin, url)) refuse(`다른 저장소(origin ${redact(origin)})의 체크아웃입니다`);
  const [refspec, ...more] = readConfig(root, 'remote.origin.fetch');
  const single = more.length === 0 && /^\+refs\/heads\/([^*:]+):refs\/remotes\/origin\/\1$/.test(refspec ?? '');
  if (!single) refuse('같은 저장소지만 git 모드가 만든 단일 브랜치 클론이 아닙니다 (사람이 쓰는 체크아웃일 수 있습니다)');
  // Git mode always leaves its clone on a detached commit; a person's clone (`--depth 1` makes
  // the same one-branch refspec) sits on its branch, where drafts and edits may wait.
  if (readHead(root).startsWith('ref:')) {
    refuse('같은 저장소지만 브랜치에 붙은 체크아웃입니다 (git 모드의 클론은 커밋에 고정되어 있습니다; 사람이 쓰는 체크아웃일 수 있습니다)');
  }
  markOwned(root);
  return 'adopted';
}

/** What `.git/HEAD` says (`ref: refs/heads/main`, or a commit when detached), read, not run. */
function readHead(root: string): string {
  try {
    return fs.readFileSync(path.join(/* turbopackIgnore: true */ root, '.git', 'HEAD'), 'utf8').trim();
  } catch {
    return '';
  }
}

function markOwned(root: string): void {
  fs.writeFileSync(path.join(/* turbopackIgnore: true */ root, '.git', MARKER), 'CONTENT_GIT_URL을 따르는 클론: git 모드가 관리합니다\n');
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
  const runGit = options.runGit ?? git;
  const remoteRef = `refs/remotes/origin/${branch}`;
  let lastProblem: string | undefined;
  /** The commit checked out, whose files the folder source reads. */
  let checkedOut: string | undefined;
  /** The commit the files last read are from: what a page rendered now is a version of. */
  let applied: string | undefined;
  let applying = false;
  let closed = false;

  /** The one way out for this source's lines: a URL's token never reaches a log. */
  const say = (line: string) => options.log(redact(line));

  function problem(message: string): void {
    const line = `git ${url} (${branch}): ${message}${applied ? `; 마지막으로 받은 커밋 ${applied.slice(0, 12)}을(를) 계속 보여 줍니다` : ''}`;
    if (line !== lastProblem) say(line);
    lastProblem = line;
  }

  function recovered(): void {
    if (lastProblem) say(`git ${url} (${branch}): 다시 받아 옵니다`);
    lastProblem = undefined;
  }

  /** Claims the folder (see claimFolder); the adoption of an old clone is said once. */
  function claim(): 'clone' | 'owned' {
    const claimed = claimFolder(root, url);
    if (claimed !== 'adopted') return claimed;
    say(`git ${url} (${branch}): ${root}은(는) 이전 버전이 만든 같은 저장소의 클론이라 이어서 관리합니다`);
    return 'owned';
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
    execFileSync('git', args, { cwd, env: gitEnv(cwd), encoding: 'utf8', stdio: 'pipe', timeout }).trim();

  /** Makes the clone in a missing or empty folder: git clones into it, nothing is removed first. */
  async function cloneInto(): Promise<void> {
    await runGit('/', cloneArgs);
    markOwned(root);
    checkedOut = (await runGit(root, ['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Before the first snapshot: the clone, made or brought up to date, so a new server starts with
   * the content and one that rejoins starts on the newest commit, not the one it stopped at.
   */
  function prepareNow(claimed: 'clone' | 'owned'): void {
    if (claimed === 'owned') {
      gitSync(['remote', 'set-url', 'origin', url]);
      checkedOut = gitSync(['rev-parse', 'HEAD']);
      startedFrom = checkedOut;
      gitSync(fetchArgs, START_FETCH_TIMEOUT_MS);
      const target = gitSync(targetArgs);
      if (target !== checkedOut) {
        gitSync(checkoutArgs(target));
        checkedOut = target;
      }
      gitSync(cleanArgs);
    } else {
      gitSync(cloneArgs, GIT_TIMEOUT_MS, '/');
      markOwned(root);
      checkedOut = gitSync(['rev-parse', 'HEAD']);
    }
  }

  function startProblem(error: unknown): void {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    problem(firstLine(stderr) || (error instanceof Error ? error.message : String(error)));
  }

  // A folder git mode may not manage throws here, before any command runs in it.
  const claimed = claim();
  /** The commit the clone was on when this server started (a clone it had already). */
  let startedFrom: string | undefined;
  /**
   * What the start's fetch changed (a rejoining server's commits made while it was down): read at
   * its first look, before its whole read of the clone, so it answers on the newest commit.
   */
  let startPaths: string[] | undefined;
  /** A built server's first clone, made in the background; the clone is not read meanwhile. */
  let preparing: Promise<void> | undefined;
  // A new built server (no clone yet) clones in the background: it has nothing to answer with
  // before, and a clone of an archive takes minutes. One that rejoins fetches first, at most
  // START_FETCH_TIMEOUT_MS: it answers on the newest commit from its first request.
  if (options.background && claimed === 'clone') {
    preparing = cloneInto()
      .catch(startProblem)
      .finally(() => {
        preparing = undefined;
        if (!closed) folder.noteChanged();
      });
  } else {
    try {
      prepareNow(claimed);
    } catch (error) {
      startProblem(error);
    }
    if (options.background && startedFrom && checkedOut && startedFrom !== checkedOut) {
      try {
        startPaths = gitSync(['diff', '--name-only', '--no-renames', '-z', startedFrom, checkedOut]).split('\0').filter(Boolean);
      } catch {
        // The whole read finds them.
      }
    }
  }

  const folder: FolderSource = openFolderSource({
    root,
    maxFileBytes: options.maxFileBytes,
    live: true,
    watch: false,
    records: options.records,
    background: options.background,
    loader: options.loader,
  });
  /** The commit a background read of the clone is reading: `applied` once the read has ended. */
  let readingFor: string | undefined;
  /**
   * What pages rendered during that read are a version of: the index then holds files of two
   * commits (or of one, part read), so it names neither, nor any other read's (a page cached
   * mid-read must not pass for current when the branch goes back to the commit before it).
   */
  let readingVersion: string | undefined;

  /** Fetches the branch and, if it moved, checks out its head. */
  async function pull(): Promise<void> {
    // Never beside the start's own clone or fetch in the same folder.
    await preparing;
    if (claim() === 'clone') {
      await cloneInto();
      recovered();
      folder.noteChanged();
      return;
    }
    await runGit(root, fetchArgs);
    const target = (await runGit(root, targetArgs)).trim();
    recovered();
    if (target === checkedOut) return;
    let paths: string[] | undefined;
    if (checkedOut) {
      try {
        const diff = await runGit(root, ['diff', '--name-only', '--no-renames', '-z', checkedOut, target]);
        paths = diff.split('\0').filter((name) => name.length > 0);
      } catch {
        paths = undefined; // An old commit no longer in the clone: rescan the whole folder.
      }
    }
    applying = true;
    try {
      await runGit(root, checkoutArgs(target));
      await runGit(root, cleanArgs);
      checkedOut = target;
    } catch (error) {
      // Back to the commit being served, whole: a half-done checkout must not be read. A background
      // read may have read some of its files meanwhile: they are read again, as they are now.
      if (checkedOut) await runGit(root, checkoutArgs(checkedOut)).catch(() => {});
      folder.noteChanged(paths);
      throw error;
    } finally {
      applying = false;
    }
    folder.noteChanged(paths);
  }

  // However often asked (a webhook replayed a thousand times, a signal from every instance), one
  // fetch now and at most one more after the gap; a request during a fetch gets the one after it.
  const fetches = coalesce(async () => {
    try {
      await pull();
    } catch (error) {
      problem(error instanceof Error ? error.message : String(error));
    }
  }, options.minFetchGapMs ?? MIN_FETCH_GAP_MS);
  const update = () => (closed ? Promise.resolve() : fetches.request());

  const timer = options.intervalMs > 0 ? setInterval(() => void update(), options.intervalMs) : undefined;
  timer?.unref();

  return {
    // A read that ended has a commit to name (see refresh).
    needsRefresh: (now) =>
      !preparing && !applying && (folder.needsRefresh(now) || (readingFor !== undefined && !folder.isReading())),
    refresh(now) {
      if (preparing) return false;
      const commit = checkedOut;
      let changed = folder.refresh(now);
      if (startPaths && folder.isReading()) {
        // The whole read has started: what the start's fetch changed is read now, ahead of it.
        folder.noteChanged(startPaths);
        startPaths = undefined;
        changed = folder.refresh(now) || changed;
      }
      // Pages rendered while a background read runs are of a commit partly read: they name the
      // last commit read whole, and this one only once its read has ended (and what a pull changed
      // meanwhile has been read again, by this refresh).
      if (folder.isReading()) {
        if (readingFor !== commit || readingVersion === undefined) readingVersion = `${commit ?? 'none'}+reading-${randomUUID()}`;
        readingFor = commit;
      } else {
        applied = commit;
        readingFor = undefined;
        readingVersion = undefined;
      }
      return changed;
    },
    isReading: () => preparing !== undefined || folder.isReading(),
    whenRead: async () => {
      await preparing;
      await folder.whenRead();
    },
    files: () => folder.files(),
    newestChange: () => folder.newestChange(),
    version: () => readingVersion ?? applied,
    requestUpdate: update,
    close() {
      closed = true;
      fetches.close();
      if (timer) clearInterval(timer);
      folder.close();
    },
  };
}
