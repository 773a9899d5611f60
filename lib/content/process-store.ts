import fs from 'node:fs';
import path from 'node:path';

import { getContentDir, site } from '@/lib/site';

import { CONTENT_CLOCK_KEY, type ContentClock } from './clock';
import { openContentStore, type ContentStore } from './store';

const STORE_KEY = Symbol.for('hangul-news.content-store');
type GlobalWithStore = typeof globalThis & { [STORE_KEY]?: ContentStore; [CONTENT_CLOCK_KEY]?: ContentClock };

function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}

/**
 * Whether the rendered-page cache in .next/ was filled from this content folder. The same build
 * may serve any folder (CONTENT_DIR); a marker file remembers the last one, best effort.
 */
function isPageCacheFrom(root: string): boolean {
  const marker = path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'content-folder');
  let previous: string | undefined;
  try {
    previous = fs.readFileSync(marker, 'utf8');
  } catch {
    previous = undefined;
  }
  if (previous === root) return true;
  try {
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.writeFileSync(marker, root);
  } catch {
    // A read-only deployment: every start re-renders each page once, which is still correct.
  }
  return false;
}

/**
 * The one store of this process, made here and nowhere else, from the site's configuration. It is
 * kept on globalThis: Next may load this module once per route bundle, and every copy must share
 * one parse cache and one watcher. The page cache handler gets its freshness function the same way.
 */
export function getContentStore(): ContentStore {
  const holder = globalThis as GlobalWithStore;
  const root = getContentDir();
  let store = holder[STORE_KEY];
  if (!store || store.root !== root) {
    store?.close();
    const opened = openContentStore({
      root,
      maxFileBytes: site.maxFileBytes,
      live: !isBuildPhase(),
      useParseCache: true,
      reportProblem: (line) => console.error(`[content] ${line}`),
      isPageCacheFromHere: () => isPageCacheFrom(root),
    });
    holder[STORE_KEY] = opened;
    holder[CONTENT_CLOCK_KEY] = (now) => opened.getStaleBefore(now);
    store = opened;
  }
  return store;
}

/** Starts watching the content folder at server start, before the first request needs it. */
export function startContentWatch(): void {
  getContentStore().getSnapshot();
}
