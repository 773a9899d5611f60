import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { openChangeSignal, type ChangeSignal } from '@/lib/cluster/signal';
import { EXIT_CONFIG } from '@/lib/secrets.mjs';
import { getPhotoLibrary } from '@/lib/media/photo-library';
import { redact } from '@/lib/redact';
import { runtimeVersion } from '@/lib/runtime-version';
import { getContentDir, getContentGit, getDataDir, getRedis, getSiteUrlSetting, site } from '@/lib/site';
import { getReadPool, type ReadPool } from '@/lib/workers/read-pool';

import { openArchive } from './archive/archive';
import { archiveRecords } from './archive/records';
import type { Archive } from './archive/types';
import { openArchiveStore } from './archive-store';
import { CONTENT_CLOCK_KEY, type ContentClock } from './clock';
import { openFolderSource } from './folder-source';
import { openGitSource } from './git-source';
import { contentIdentity, folderSourceName, gitSourceName, keptDeploymentId } from './identity';
import { emptySource, type ContentSource } from './source';
import { openContentStore, type ContentStore } from './store';

const STORE_KEY = Symbol.for('hangul-news.content-store');
const SEARCH_FILE_KEY = Symbol.for('hangul-news.search-index-file');
const SIGNAL_KEY = Symbol.for('hangul-news.change-signal');
type GlobalWithStore = typeof globalThis & {
  [STORE_KEY]?: ContentStore;
  [CONTENT_CLOCK_KEY]?: ContentClock;
  [SIGNAL_KEY]?: ChangeSignal;
  [SEARCH_FILE_KEY]?: string;
};
/** The one place this process writes content lines: a token in a URL (git, Redis) never gets out. */
const log = (line: string) => console.error(`[content] ${redact(line)}`);

function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

/**
 * Whether the rendered-page cache in .next/ was filled from this content and site. The same build
 * may serve any folder (CONTENT_DIR), repository or address (SITE_URL); a marker file remembers
 * the last identity, best effort.
 */
function pageCacheMarker(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'content-folder');
}

function isPageCacheFrom(identity: string): boolean {
  const marker = pageCacheMarker();
  let previous: string | undefined;
  try {
    previous = fs.readFileSync(marker, 'utf8');
  } catch {
    previous = undefined;
  }
  if (previous === identity) return true;
  try {
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, identity);
  } catch {
    // A read-only deployment: every start re-renders each page once, which is still correct.
  }
  return false;
}

/**
 * The on-disk index of the content this server serves (lib/content/archive): in DATA_DIR, one file
 * per content folder, stamped with the settings (others rebuild it) and the parsing code with the
 * runtime it ran on (another build, or Node, serves it while reading every file again behind it).
 * A process without a stamped build (tests, tools run with tsx) keeps its index in memory.
 */
function openContentArchive(root: string, identity: string): Archive {
  const parser = process.env.CONTENT_PARSER_VERSION;
  const file = contentIndexFile(root);
  if (!parser || !file) return openArchive({ file: ':memory:', fingerprint: 'unstamped' });
  try {
    return openArchive({ file, fingerprint: JSON.stringify([site.maxFileBytes, root, identity]), parser: `${parser}:${runtimeVersion()}` });
  } catch (error) {
    // A DATA_DIR the server cannot write (a file, a read-only mount) must not take the site down:
    // the index lives in memory (every start reads the whole folder again), and the log says why.
    if (!(error instanceof Error && error.name === 'ArchiveRefused')) throw error;
    log(`${error.message} — 색인을 메모리에 두고 계속합니다 (재시작마다 폴더 전체를 다시 읽습니다)`);
    return openArchive({ file: ':memory:', fingerprint: 'unwritable' });
  }
}

/**
 * A server of a build (stamped with its parsing code): it keeps its indexes on disk, reads its
 * folder in the background and parses on read threads. Tests and tools run unstamped.
 */
const isBuiltServer = () => !!process.env.CONTENT_PARSER_VERSION;

/** `DATA_DIR/content-index/<folder>.sqlite`, or undefined for a process without a build stamp. */
function contentIndexFile(root: string): string | undefined {
  if (!isBuiltServer()) return undefined;
  const name = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return path.join(/* turbopackIgnore: true */ getDataDir(), 'content-index', `${name}.sqlite`);
}

/**
 * The threads a built server parses content on (files for the content index, bodies' words for the
 * search index), one a core; none for tests and tools, which read on their own thread.
 */
export function getReadThreads(): ReadPool | undefined {
  return isBuiltServer() ? getReadPool() : undefined;
}

/**
 * Where this server keeps its search index (lib/search): beside its content index, which it
 * follows, and in memory wherever that one is (no build stamp, or a DATA_DIR it cannot write).
 * Decided once, with the content store.
 */
export function getSearchIndexFile(): string {
  getContentStore();
  return (globalThis as GlobalWithStore)[SEARCH_FILE_KEY] ?? ':memory:';
}

/**
 * Which content and site this process serves (lib/content/identity.ts): what shared stores (the
 * page cache, view counts in Redis) keep this deployment's entries under.
 */
export function getContentIdentity(): string {
  getContentStore();
  const clock = (globalThis as GlobalWithStore)[CONTENT_CLOCK_KEY];
  return clock ? clock(Date.now()).identity : 'unknown';
}

/**
 * The one store of this process, made here and nowhere else, from the site's configuration. It is
 * kept on globalThis: Next may load this module once per route bundle, and every copy must share
 * one content index and one watcher. The page cache handler gets its freshness function the same way.
 */
export function getContentStore(): ContentStore {
  const holder = globalThis as GlobalWithStore;
  const root = getContentDir();
  let store = holder[STORE_KEY];
  if (!store || store.root !== root) {
    store?.close();
    const building = isBuildPhase();
    // The build reads no content at all: whatever it prerenders is from no folder, so the server
    // renders each page afresh on its first request (the marker is gone) and caches it from there.
    if (building) fs.rmSync(pageCacheMarker(), { force: true });
    const git = building ? undefined : getContentGit();
    const identity = contentIdentity(
      building
        ? 'build'
        : git
          ? gitSourceName(git.url, git.branch)
          : folderSourceName(root, undefined, keptDeploymentId(getDataDir())),
      getSiteUrlSetting(),
    );
    let opened: ContentStore;
    if (building) {
      opened = openContentStore({ root, maxFileBytes: site.maxFileBytes, live: false, source: emptySource() });
      holder[SEARCH_FILE_KEY] = undefined;
    } else {
      const archive = openContentArchive(root, identity);
      holder[SEARCH_FILE_KEY] = archive.file.endsWith('.sqlite') ? archive.file.replace(/\.sqlite$/, '.search.sqlite') : ':memory:';
      const records = archiveRecords(archive);
      const loading = { maxFileBytes: site.maxFileBytes, records };
      // A built server answers from its index at once and reads the folder behind it; without a
      // stamp (tests, tools) the index is in memory and the first read is done before answering.
      const reading = { background: isBuiltServer(), loader: getReadThreads() };
      const source: ContentSource = git
        ? openGitSource({ root, ...git, ...loading, ...reading, log })
        : openFolderSource({ root, ...loading, ...reading, live: true });
      opened = openArchiveStore({
        root,
        archive,
        source,
        records,
        reportProblem: log,
        isPageCacheFromHere: () => isPageCacheFrom(identity),
        // Photos are made in the background as the content names them.
        onPhotos: (photos) => getPhotoLibrary().sync(new Map([...photos].map((p) => [p.path, p]))),
      });
    }
    holder[STORE_KEY] = opened;
    // A photo made or refused changes the pages that show it, like an edit to their files.
    holder[CONTENT_CLOCK_KEY] = (now) => {
      const version = opened.getVersion();
      const photos = building ? undefined : getPhotoLibrary();
      return {
        staleBefore: Math.max(opened.getStaleBefore(now), photos?.changedAt() ?? 0),
        version: version === undefined || !photos ? version : `${version}+${photos.version()}`,
        identity,
      };
    };
    const redis = getRedis();
    holder[SIGNAL_KEY]?.close();
    holder[SIGNAL_KEY] =
      git && redis
        ? openChangeSignal({
            url: redis.url,
            channel: `${redis.prefix}:content-changed`,
            onSignal: () => void opened.requestUpdate(),
            log,
          })
        : undefined;
    store = opened;
  }
  return store;
}

/**
 * Someone said the content changed (a signed webhook): look now, and tell the other instances.
 * Resolves with the version now served.
 */
export async function announceContentChange(): Promise<string | undefined> {
  const store = getContentStore();
  const holder = globalThis as GlobalWithStore;
  await Promise.all([store.requestUpdate(), holder[SIGNAL_KEY]?.publish()]);
  return store.getVersion();
}

/** Whether the content follows a source that can be told to look (git); a folder watches itself. */
export function followsRemote(): boolean {
  return !isBuildPhase() && !!getContentGit();
}

/**
 * Starts watching the content folder at server start, before the first request needs it. A
 * CONTENT_DIR that git mode must not touch (another checkout, a folder of files) stops the server
 * with its message and the wrong-setting status (systemd does not restart it): serving an empty or
 * wrong site would hide the mistake.
 */
export function startContentWatch(): void {
  try {
    getContentStore().getReader();
  } catch (error) {
    // By name: Next may bundle the class twice, once per chunk.
    if (!(error instanceof Error && error.name === 'ContentFolderRefused')) throw error;
    log(error.message);
    process.exit(EXIT_CONFIG);
  }
}
